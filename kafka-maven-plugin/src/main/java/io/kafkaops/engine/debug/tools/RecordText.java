package io.kafkaops.engine.debug.tools;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One consumed record as one line: {@code partition=0 offset=12 timestamp=2026-12-04T10:15:30.120Z key=k
 * headers=[trace=abc] value=text}. Keys, header values and values that are valid UTF-8 are shown as text with control
 * characters escaped ({@code \n}, {@code \t}, {@code \u0000}), so a record never spans lines; other bytes as
 * {@code hex:} digits marked with their length. A positive width cuts each shown field to that many characters and
 * says how many were left out.
 */
public final class RecordText {

    private RecordText() {
    }

    public static String line(ConsumerRecord<byte[], byte[]> r, int width) {
        StringBuilder b = new StringBuilder();
        b.append("partition=").append(r.partition()).append(" offset=").append(r.offset())
                .append(" timestamp=").append(r.timestamp() < 0 ? "none" : Instant.ofEpochMilli(r.timestamp()))
                .append(" key=").append(field(r.key(), width)).append(" headers=[");
        boolean first = true;
        for (Header h : r.headers()) {
            if (!first) b.append(", ");
            first = false;
            b.append(escape(h.key())).append('=').append(field(h.value(), width));
        }
        b.append("] value=").append(field(r.value(), width));
        return b.toString();
    }

    /** Bytes as text when valid UTF-8, else marked hex; {@code (null)} for none. */
    static String field(byte[] bytes, int width) {
        if (bytes == null) return "(null)";
        String text;
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            text = escape(decoded);
        } catch (CharacterCodingException e) {
            text = "(binary, " + bytes.length + " bytes) hex:" + HexFormat.of().formatHex(bytes);
        }
        return cut(text, width);
    }

    static String cut(String text, int width) {
        if (width <= 0 || text.length() <= width) return text;
        return text.substring(0, width) + "...(+" + (text.length() - width) + " chars)";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
