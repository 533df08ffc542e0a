package dev.sluice.extract;

import java.io.IOException;
import org.apache.tika.io.TikaInputStream;

/**
 * Tells binary bytes from text in a file that claims to be text. Tika trusts a {@code .txt} name when
 * the content matches no known format, so a renamed executable or a raw dump would reach the text
 * parser and come out as pages of garbage.
 */
final class BinarySniffer {
    private static final int SAMPLE_BYTES = 8192;
    /** Above this share of control bytes the sample is binary. Text has almost none. */
    private static final double MAX_CONTROL_SHARE = 0.10;

    private BinarySniffer() {}

    /** Looks at the first 8 KiB without consuming them. */
    static boolean looksBinary(TikaInputStream stream) throws IOException {
        byte[] sample = new byte[SAMPLE_BYTES];
        int length = stream.peek(sample);
        return looksBinary(sample, Math.max(length, 0));
    }

    static boolean looksBinary(byte[] sample, int length) {
        if (length == 0 || hasUtf16Or32Bom(sample, length)) {
            return false;
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = sample[i] & 0xFF;
            if (b == 0) {
                return true;
            }
            boolean textControl = b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x1B;
            if ((b < 0x20 && !textControl) || b == 0x7F) {
                control++;
            }
        }
        return control > length * MAX_CONTROL_SHARE;
    }

    private static boolean hasUtf16Or32Bom(byte[] b, int length) {
        if (length >= 2) {
            int b0 = b[0] & 0xFF;
            int b1 = b[1] & 0xFF;
            return (b0 == 0xFE && b1 == 0xFF)
                    || (b0 == 0xFF && b1 == 0xFE)
                    || (length >= 4 && b0 == 0 && b1 == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF);
        }
        return false;
    }
}
