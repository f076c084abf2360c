package io.kafkaops.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written recognisers of {@link CoreSchema} accept exactly what the core schema's expressions accept. */
class CoreSchemaTest {

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9]+");

    /** The resolution as it was written with the expressions. */
    private static CoreSchema.Resolved expected(String text) {
        if (NULL.matcher(text).matches()) return new CoreSchema.Resolved(CoreSchema.Type.NULL, null);
        switch (text) {
            case "true", "True", "TRUE" -> {
                return new CoreSchema.Resolved(CoreSchema.Type.BOOL, Boolean.TRUE);
            }
            case "false", "False", "FALSE" -> {
                return new CoreSchema.Resolved(CoreSchema.Type.BOOL, Boolean.FALSE);
            }
            default -> {
            }
        }
        if (DECIMAL.matcher(text).matches()) return new CoreSchema.Resolved(CoreSchema.Type.INT, integer(new BigInteger(text)));
        if (OCTAL.matcher(text).matches()) {
            return new CoreSchema.Resolved(CoreSchema.Type.INT, integer(new BigInteger(text.substring(2), 8)));
        }
        if (HEX.matcher(text).matches()) {
            return new CoreSchema.Resolved(CoreSchema.Type.INT, integer(new BigInteger(text.substring(2), 16)));
        }
        if (FLOAT.matcher(text).matches()) return new CoreSchema.Resolved(CoreSchema.Type.FLOAT, Double.parseDouble(text));
        if (INFINITY.matcher(text).matches()) {
            return new CoreSchema.Resolved(CoreSchema.Type.FLOAT,
                    text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (NAN.matcher(text).matches()) return new CoreSchema.Resolved(CoreSchema.Type.FLOAT, Double.NaN);
        return new CoreSchema.Resolved(CoreSchema.Type.STR, text);
    }

    private static Object integer(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private static void same(String text) {
        assertThat(CoreSchema.resolvePlain(text)).as("'%s'", text).isEqualTo(expected(text));
        assertThat(CoreSchema.isAmbiguous(text)).as("'%s' ambiguous", text)
                .isEqualTo(!text.isEmpty() && text.length() < 1000 && LEADING_ZERO.matcher(text).matches());
    }

    @Test
    void namedCases() {
        for (String s : new String[] {"", "~", "null", "Null", "NULL", "nUll", "true", "TRUE", "tRue", "false", "0",
                "6", "-1", "+1", "-", "+", "010", "-010", "+00", "0o17", "0o8", "0o", "0x1F", "0xfg", "0x", "0X1",
                "1.5", "1.", ".5", ".", "-.5", "1e3", "1E-3", "1e", "1e+", ".e1", "1.5e3", ".inf", "-.Inf", "+.INF",
                ".iNf", ".nan", ".NaN", "-.nan", "9223372036854775807", "9223372036854775808",
                "-9223372036854775808", "-9223372036854775809", "123456789012345678", "1234567890123456789",
                "٣", "0x١", "0o٣", "1٣", "7d", "1MiB", "fine", "Foo", "2:30", "1_000", "0b101"}) {
            same(s);
        }
    }

    @Test
    void randomTexts() {
        Random random = new Random(14);
        String alphabet = "0123456789+-.eExXoOabcfinNAIF~lu_: ٣";
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(8);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            same(sb.toString());
        }
    }
}
