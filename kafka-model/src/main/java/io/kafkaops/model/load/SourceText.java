package io.kafkaops.model.load;

import io.kafkaops.model.Diagnostic;
import io.kafkaops.model.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a file as strict UTF-8 text before any YAML parsing, so that binary files, other encodings and oversized
 * files become one clear diagnostic instead of a parser error deep inside snakeyaml.
 */
final class SourceText {

    /** Either the text or the reason there is none. */
    record Decoded(String text, Diagnostic problem) {
        static Decoded ok(String text) {
            return new Decoded(text, null);
        }

        static Decoded failed(Diagnostic problem) {
            return new Decoded(null, problem);
        }
    }

    private SourceText() {
    }

    static Decoded read(Path file, String displayName, LoaderLimits limits) {
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) return tooLarge(displayName, size, limits);
            return decode(Files.readAllBytes(file), displayName, limits);
        } catch (IOException e) {
            return Decoded.failed(Diagnostic.error(LoadRules.IO, "cannot read the file: " + describe(e),
                    new Location(displayName, 1, 1), "check that the file exists and is readable"));
        }
    }

    static Decoded read(InputStream in, String displayName, LoaderLimits limits) {
        try {
            // One byte over the limit is enough to know the stream is too large without reading all of it.
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxFileBytes() + 1));
            if (bytes.length > limits.maxFileBytes()) {
                return tooLarge(displayName, -1, limits);
            }
            return decode(bytes, displayName, limits);
        } catch (IOException e) {
            return Decoded.failed(Diagnostic.error(LoadRules.IO, "cannot read: " + describe(e),
                    new Location(displayName, 1, 1), null));
        }
    }

    static Decoded decode(byte[] bytes, String displayName, LoaderLimits limits) {
        String encoding = otherEncoding(bytes);
        if (encoding != null) {
            return Decoded.failed(Diagnostic.error(LoadRules.ENCODING, "the file is encoded as " + encoding,
                    new Location(displayName, 1, 1), "save it as UTF-8"));
        }
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return Decoded.failed(Diagnostic.error(LoadRules.ENCODING,
                        "the file looks binary: it contains a NUL byte", nulLocation(bytes, i, displayName),
                        "only UTF-8 YAML text belongs here; remove or rename the file"));
            }
            if (bytes[i] < 0) ascii = false;
        }
        if (ascii) {
            // the common case: ASCII is valid UTF-8 as it is, and becomes a compact string without a decoder
            return checked(new String(bytes, StandardCharsets.ISO_8859_1), displayName, limits);
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int bad = in.position();
            out.flip();
            Location at = locationAfter(out, displayName);
            return Decoded.failed(Diagnostic.error(LoadRules.ENCODING,
                    String.format(Locale.ROOT, "the file is not valid UTF-8: byte 0x%02X cannot start or continue a character",
                            bytes[bad] & 0xFF), at, "save the file as UTF-8"));
        }
        out.flip();
        return checked(out.toString(), displayName, limits);
    }

    /** Decoded text: no control character YAML refuses, no line over the limit. */
    private static Decoded checked(String text, String displayName, LoaderLimits limits) {
        int control = firstDisallowedCharacter(text);
        if (control >= 0) {
            return Decoded.failed(Diagnostic.error(LoadRules.ENCODING,
                    String.format(Locale.ROOT, "the file contains the control character U+%04X, which YAML does not allow",
                            text.codePointAt(control)),
                    locationAfter(CharBuffer.wrap(text, 0, control), displayName),
                    "remove it; YAML text may contain tabs and line breaks but no other control characters"));
        }
        Decoded longLine = checkLineLength(text, displayName, limits);
        return longLine != null ? longLine : Decoded.ok(text);
    }

    /**
     * UTF-16 or UTF-32, told the way YAML 1.2 (section 5.2) detects encodings: by the byte order mark, or without
     * one by where the NUL bytes of the first (ASCII) character fall. Null for anything else.
     */
    static String otherEncoding(byte[] b) {
        int n = b.length;
        if (n >= 4 && b[0] == 0 && b[1] == 0 && ((b[2] == (byte) 0xFE && b[3] == (byte) 0xFF) || (b[2] == 0 && b[3] != 0))) {
            return "UTF-32 (big-endian)";
        }
        if (n >= 4 && b[2] == 0 && b[3] == 0 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] != 0 && b[1] == 0))) {
            return "UTF-32 (little-endian)";
        }
        if (n >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == 0 && b[1] != 0))) {
            return "UTF-16 (big-endian)";
        }
        if (n >= 2 && ((b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) || (b[0] != 0 && b[1] == 0))) {
            return "UTF-16 (little-endian)";
        }
        return null;
    }

    /** Where a NUL byte sits, counting the (valid UTF-8) text before it; 1:1 when that text does not decode. */
    private static Location nulLocation(byte[] bytes, int index, String displayName) {
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        if (index < start) return new Location(displayName, 1, 1);
        CharBuffer before = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, start, index - start));
        return LineIndex.locate(before, before.length(), displayName);
    }

    /** Text from memory gets the same line-length check as a file. */
    static Decoded check(String text, String displayName, LoaderLimits limits) {
        Decoded longLine = checkLineLength(text, displayName, limits);
        return longLine != null ? longLine : Decoded.ok(text);
    }

    private static Decoded checkLineLength(String text, String displayName, LoaderLimits limits) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            // a line ends at \n, \r\n or a lone \r, as YAML 1.2 counts lines
            if (i == text.length() || text.charAt(i) == '\n'
                    || (text.charAt(i) == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (i - start > limits.maxLineLength()) {
                    return Decoded.failed(Diagnostic.error(LoadRules.LINE_TOO_LONG, String.format(Locale.ROOT,
                                    "line %d has %,d characters; the limit is %,d", line, i - start,
                                    limits.maxLineLength()), new Location(displayName, line, 1),
                            "spread a long value over several lines with a block scalar (key: |)"));
                }
                line++;
                start = i + 1;
            }
        }
        return null;
    }

    /** The YAML 1.2 printable set: tab, line breaks, and everything else except C0/C1 controls and U+FFFE/U+FFFF. */
    private static int firstDisallowedCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x7E) || c == 0x85
                    || (c >= 0xA0 && c <= 0xFFFD);
            if (!ok) return i;
        }
        return -1;
    }

    /** Line and column of the character after {@code before}, 1-based, lines counted as YAML 1.2 does. */
    private static Location locationAfter(CharSequence before, String displayName) {
        return LineIndex.locate(before, before.length(), displayName);
    }

    private static Decoded tooLarge(String displayName, long size, LoaderLimits limits) {
        String actual = size >= 0 ? "is " + mebibytes(size) : "is larger than that";
        return Decoded.failed(Diagnostic.error(LoadRules.FILE_TOO_LARGE,
                "the file " + actual + "; the limit is " + mebibytes(limits.maxFileBytes()) + " per file",
                new Location(displayName, 1, 1), "split it into several smaller files"));
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }
}
