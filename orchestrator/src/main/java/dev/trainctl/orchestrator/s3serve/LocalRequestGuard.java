package dev.trainctl.orchestrator.s3serve;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.gaul.shaded.org.eclipse.jetty.http.HttpHeader;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * In front of S3Proxy's handler (Jetty's, inside S3Proxy's jar): refuses what only a web browser would send, before
 * S3Proxy sees it. A page the user visits can reach a server on 127.0.0.1 in two ways: a cross-site form POST (a
 * "simple request" needs no CORS preflight, and S3's POST-policy upload is such a form), and DNS rebinding (the page's
 * own host name re-pointed at 127.0.0.1, so the browser sends {@code Host: attacker.example}). So a request is
 * answered 403 when its {@code Host} is not an address this server listens on, when it carries an {@code Origin}
 * header (browsers add it to cross-site and POST requests; SDKs and the AWS CLI never send it), or when it is a POST
 * with a form's content type (multipart/form-data, application/x-www-form-urlencoded, text/plain).
 */
final class LocalRequestGuard extends Handler.Wrapper {

    private static final Set<String> FORM_TYPES = Set.of("multipart/form-data", "application/x-www-form-urlencoded",
            "text/plain");

    private final Names names;

    LocalRequestGuard(Handler handler, Names names) {
        super(handler);
        this.names = names;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        // The port a client must name is the one it connected to (known only once a port-0 server has started).
        String refusal = refusal(request.getHeaders().get(HttpHeader.HOST), Request.getLocalPort(request),
                request.getHeaders().get(HttpHeader.ORIGIN), request.getMethod(),
                request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (refusal != null) {
            // S3's error document, with the reason (S3Proxy's error handler would replace it with "Bad Request").
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>"
                    + xml(refusal) + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
            response.setStatus(403);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml;charset=utf-8");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static String xml(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                default -> escaped.append(c < 0x20 ? '?' : c);
            }
        }
        return escaped.toString();
    }

    /** Why a request is refused, or null when it may go on to S3Proxy. */
    String refusal(String host, int port, String origin, String method, String contentType) {
        if (host == null || !allowed(host, port)) {
            return "Host '" + host + "' is not an address of this server (" + names + ", port " + port
                    + "): refused, as a DNS-rebinding page would send it";
        }
        if (origin != null) {
            return "requests from web pages (Origin " + origin + ") are refused";
        }
        if ("POST".equalsIgnoreCase(method) && contentType != null && FORM_TYPES.contains(contentType.split(";", 2)[0]
                .trim().toLowerCase(Locale.ROOT))) {
            return "browser form uploads (POST " + contentType.split(";", 2)[0].trim() + ") are refused";
        }
        return null;
    }

    private boolean allowed(String header, int port) {
        String value = header.trim().toLowerCase(Locale.ROOT);
        String name;
        String portText;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = value.substring(1, end);
            portText = value.substring(end + 1);
        } else {
            int colon = value.lastIndexOf(':');
            name = colon < 0 ? value : value.substring(0, colon);
            portText = colon < 0 ? "" : value.substring(colon);
        }
        boolean portMatches = portText.isEmpty() ? port == 80 : portText.equals(":" + port);
        return portMatches && names.allow(name);
    }

    /**
     * The names and addresses a client may put in {@code Host}. An address literal is compared as an address (so
     * {@code [::1]} and {@code [0:0:0:0:0:0:0:1]} are the same); a name only as itself, never looked up, since
     * looking it up is exactly what a rebinding attacker controls.
     */
    record Names(Set<String> names, Set<InetAddress> addresses) {

        private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

        Names {
            names = Set.copyOf(names);
            addresses = Set.copyOf(addresses);
        }

        boolean allow(String name) {
            if (IPV4.matcher(name).matches() || name.contains(":")) {
                try {
                    return addresses.contains(InetAddress.getByName(name)); // a literal: no lookup
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return names.contains(name);
        }

        /**
         * For a server bound to {@code bound}: that name or address; for a loopback address also {@code localhost},
         * 127.0.0.1 and ::1; for the wildcard address (0.0.0.0, ::) every address of this machine's interfaces,
         * {@code localhost} and the machine's host name.
         */
        static Names forBound(String bound) {
            Set<String> names = new TreeSet<>();
            Set<InetAddress> addresses = new java.util.HashSet<>();
            String host = bound.startsWith("[") && bound.endsWith("]") ? bound.substring(1, bound.length() - 1) : bound;
            try {
                InetAddress address = InetAddress.getByName(host);
                addresses.add(address);
                if (!IPV4.matcher(host).matches() && !host.contains(":")) {
                    names.add(host.toLowerCase(Locale.ROOT));
                }
                if (address.isLoopbackAddress()) {
                    names.add("localhost");
                    addresses.add(InetAddress.getByName("127.0.0.1"));
                    addresses.add(InetAddress.getByName("::1"));
                } else if (address.isAnyLocalAddress()) {
                    names.add("localhost");
                    names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
                    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                        Collections.list(nic.getInetAddresses()).forEach(addresses::add);
                    }
                }
            } catch (UnknownHostException | SocketException e) {
                names.add(host.toLowerCase(Locale.ROOT));
            }
            return new Names(names, addresses);
        }

        @Override
        public String toString() {
            Set<String> shown = new TreeSet<>(names);
            addresses.forEach(a -> shown.add(a.getHostAddress()));
            return String.join(", ", shown);
        }
    }
}
