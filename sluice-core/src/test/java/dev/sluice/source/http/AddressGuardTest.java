package dev.sluice.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
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
}
