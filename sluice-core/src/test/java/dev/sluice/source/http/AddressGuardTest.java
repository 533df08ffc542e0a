package dev.sluice.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, loopback",
        "::1, loopback",
        "0.0.0.0, unspecified",
        "10.1.2.3, private",
        "172.16.0.1, private",
        "192.168.1.1, private",
        "169.254.169.254, link-local",
        "fe80::1, link-local",
        "fd00::1, private",
        "100.64.0.1, carrier-grade NAT",
        "198.18.0.1, benchmarking",
        "224.0.0.1, multicast",
        "240.0.0.1, reserved",
        "::ffff:10.0.0.1, private",
        "::ffff:127.0.0.1, loopback",
        "64:ff9b::a9fe:a9fe, private"
    })
    void should_name_internal_addresses(String literal, String kind) throws UnknownHostException {
        String found = AddressGuard.internalKind(InetAddress.getByName(literal));
        if (literal.startsWith("::ffff:127")) {
            assertThat(found).isEqualTo("loopback"); // Java reads a mapped address as the IPv4 one
        } else {
            assertThat(found).isEqualTo(kind);
        }
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "172.32.0.1", "100.128.0.1"})
    void should_let_public_addresses_through(String literal) throws UnknownHostException {
        assertThat(AddressGuard.internalKind(InetAddress.getByName(literal))).isNull();
    }

    @Test
    void should_refuse_other_schemes_and_allow_only_the_named_internal_host() throws Exception {
        FetchSettings settings = FetchSettings.defaults().withAllowedHosts(List.of("127.0.0.1"));
        assertThatThrownBy(() -> AddressGuard.check(URI.create("file:///etc/passwd"), settings))
                .hasMessageContaining("only http and https");
        AddressGuard.check(URI.create("http://127.0.0.1:9/"), settings);
        assertThatThrownBy(() -> AddressGuard.check(URI.create("http://localhost:9/"), settings))
                .isInstanceOf(AddressGuard.RefusedException.class)
                .hasMessageContaining("loopback")
                .hasMessageContaining("http.allowedHosts: [localhost]");
    }

    @Test
    void should_name_an_unspecified_address_with_an_and_the_others_with_a() {
        assertThatThrownBy(() -> AddressGuard.check(URI.create("http://0.0.0.0:9/"), FetchSettings.defaults()))
                .hasMessageContaining("resolves to 0.0.0.0, an unspecified address;");
        assertThatThrownBy(() -> AddressGuard.check(URI.create("http://127.0.0.1:9/"), FetchSettings.defaults()))
                .hasMessageContaining("a loopback address;");
    }

    @ParameterizedTest(name = "allowedHosts [{0}] lets {1} through")
    @CsvSource({
        "'::1', http://[::1]:9/",
        "'[::1]', http://[::1]:9/",
        "'0:0:0:0:0:0:0:1', http://[::1]:9/",
        "'::1', http://[0:0:0:0:0:0:0:1]:9/",
        "'[FD00::1]', http://[fd00::1]/",
        "'127.0.0.1', http://127.0.0.1:9/",
        "'Intranet.Example.COM', http://intranet.example.com/"
    })
    void should_match_an_allowed_host_in_any_spelling_of_its_address(String allowed, String url) throws Exception {
        FetchSettings settings = FetchSettings.defaults().withAllowedHosts(List.of(allowed));
        assertThat(settings.mayBeInternal(URI.create(url).getHost())).isTrue();
        assertThat(FetchSettings.defaults().withAllowedHosts(List.of(allowed)).mayBeInternal("[::2]"))
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "http://[::1]:9/",
        "http://[fd00::1]:9/",
        "http://127.0.0.1:9/",
        "http://0.0.0.0:9/",
        "http://localhost:9/"
    })
    void should_suggest_an_allowed_hosts_setting_that_lets_the_fetch_through_once_pasted(String url, @TempDir Path dir)
            throws Exception {
        URI uri = URI.create(url);
        String message = null;
        try {
            AddressGuard.check(uri, FetchSettings.defaults());
        } catch (AddressGuard.RefusedException e) {
            message = e.getMessage();
        }
        assertThat(message).as("refused by default").isNotNull();
        Matcher suggested =
                Pattern.compile("http\\.allowedHosts: (\\[.*?\\])(,| \\(or)").matcher(message);
        assertThat(suggested.find()).as(message).isTrue();

        Path yaml = dir.resolve("sluice.yaml");
        Files.writeString(yaml, """
                sources:
                  - urls:
                      - "%s"
                    http:
                      allowedHosts: %s
                """.formatted(url, suggested.group(1)));
        FetchSettings pasted =
                dev.sluice.config.ConfigLoader.load(yaml).sources().get(0).http();
        AddressGuard.check(uri, pasted); // no longer refused
    }
}
