package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SHA-256 hex against the published test vectors (FIPS 180-2), whole and in pieces. */
class HashingTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void should_match_the_published_vectors_for_strings_and_bytes() {
        assertThat(Hashing.sha256Hex("abc")).isEqualTo(ABC);
        assertThat(Hashing.sha256Hex("")).isEqualTo(EMPTY);
        assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    }

    @Test
    void should_hash_strings_as_utf8() {
        assertThat(Hashing.sha256Hex("é")).isEqualTo(Hashing.sha256Hex(new byte[] {(byte) 0xC3, (byte) 0xA9}));
    }

    @Test
    void should_give_the_same_hash_when_fed_in_pieces_and_reset_after_hex() {
        MessageDigest digest = Hashing.sha256();
        digest.update((byte) 'a');
        digest.update("bc".getBytes(StandardCharsets.UTF_8));

        assertThat(Hashing.hex(digest)).isEqualTo(ABC);
        assertThat(Hashing.hex(digest)).as("a finished digest starts again").isEqualTo(EMPTY);
    }

    @Test
    void should_hash_a_file_larger_than_its_read_buffer_like_its_bytes(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("data.bin"), bytes);

        assertThat(Hashing.sha256Hex(file)).isEqualTo(Hashing.sha256Hex(bytes));
    }
}
