package dev.sluice.embed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a valid ONNX file that is not an embedding model: one Identity node from a float input
 * {@code x} of shape [1] to {@code y}. Encoded by hand (protobuf wire format), so the tests need no ONNX
 * tooling.
 */
final class TinyOnnx {
    private TinyOnnx() {}

    static byte[] identity() {
        byte[] tensor = message(varint(1, 1), field(2, field(1, varint(1, 1)))); // FLOAT, shape [1]
        byte[] type = field(1, tensor);
        byte[] node = message(text(1, "x"), text(2, "y"), text(4, "Identity"));
        byte[] graph = message(
                field(1, node),
                text(2, "identity"),
                field(11, message(text(1, "x"), field(2, type))),
                field(12, message(text(1, "y"), field(2, type))));
        return message(
                varint(1, 8), // ir_version
                field(7, graph),
                field(8, message(text(1, ""), varint(2, 13)))); // opset 13
    }

    private static byte[] message(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] field(int field, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    private static byte[] text(int field, String value) {
        return field(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
