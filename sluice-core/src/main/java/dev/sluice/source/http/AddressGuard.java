package dev.sluice.source.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps web sources out of the network Sluice runs in (server-side request forgery): every address a
 * host name resolves to must be public, for the first request and for every redirect. Refused:
 * loopback, unspecified, private (RFC 1918, IPv6 unique-local), link-local (cloud metadata
 * endpoints live there), carrier-grade NAT, multicast, benchmarking and reserved ranges.
 *
 * <p>The check resolves the name itself, and the HTTP client resolves it again when it connects; a
 * DNS server that answers differently within that moment (DNS rebinding) is not caught here. Run
 * Sluice behind an egress proxy or firewall where that matters.
 */
public final class AddressGuard {
    private AddressGuard() {}

    /** Why a URL was refused; the message names the URL, the address and the way to allow it. */
    static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** Checks scheme and host of a URL, resolving the host unless it may be internal. */
    static void check(URI uri, FetchSettings settings) throws RefusedException, UnknownHostException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException(uri + ": only http and https URLs can be fetched");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedException(uri + ": the URL has no host");
        }
        if (settings.mayBeInternal(host)) {
            return;
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            String kind = internalKind(address);
            if (kind != null) {
                throw new RefusedException(uri + " resolves to " + address.getHostAddress() + ", " + article(kind)
                        + " " + kind + " address; web sources may not reach loopback, private or link-local"
                        + " addresses unless the source allows it: http.allowedHosts: [" + yamlHost(host)
                        + "] (or http.allowPrivateAddresses: true)");
            }
        }
    }

    /** "an unspecified address", "a loopback address". */
    static String article(String kind) {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    /**
     * The host as an entry of the allowedHosts list in sluice.yaml: an IPv6 literal without the URI's
     * brackets and quoted (unquoted, {@code [::1]} is not a string in YAML), a name as it is.
     */
    static String yamlHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.contains(":") ? "\"" + h + "\"" : h;
    }

    /** What kind of internal address this is, or null for a public one. */
    public static String internalKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "unspecified";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "reserved";
            }
            if (first >= 240) {
                return "reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private";
            }
            if (isMappedOrCompatibleInternal(b)) {
                return "private";
            }
        }
        return null;
    }

    /** An IPv6 address that embeds an internal IPv4 address (::ffff:10.0.0.1, ::127.0.0.1, 64:ff9b::/96). */
    private static boolean isMappedOrCompatibleInternal(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] == 0 && b[11] == 0 || b[10] == (byte) 0xff && b[11] == (byte) 0xff);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !nat64) {
            return false;
        }
        try {
            InetAddress v4 = InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            return internalKind(v4) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
