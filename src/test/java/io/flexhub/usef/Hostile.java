package io.flexhub.usef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Hostile XML for every entry point's tests: XXE, SSRF, entity bombs. */
public final class Hostile {

    public static final String SECRET = "TOP-SECRET-7f3a";

    private Hostile() {
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** For asserting that a secret appears nowhere in an exception, its causes included. */
    public static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** A file whose content must never show up in a parse result or an error message. */
    public static Path secretFile(Path dir) {
        try {
            return Files.writeString(dir.resolve("secret.txt"), SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String externalFileEntity(Path file, String root) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE %1$s [<!ENTITY xxe SYSTEM "%2$s">]>
                <%1$s Version="&xxe;" SenderDomain="&xxe;">&xxe;</%1$s>
                """.formatted(root, file.toUri());
    }

    public static String externalHttpEntity(int port, String root) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE %1$s [<!ENTITY xxe SYSTEM "http://127.0.0.1:%2$d/xxe">]>
                <%1$s Version="&xxe;">&xxe;</%1$s>
                """.formatted(root, port);
    }

    /** Out-of-band exfiltration: the parameter entity is fetched while the DTD is read, before any element. */
    public static String externalParameterEntity(int port, String root) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE %1$s [<!ENTITY %% remote SYSTEM "http://127.0.0.1:%2$d/evil.dtd"> %%remote;]>
                <%1$s/>
                """.formatted(root, port);
    }

    public static String externalDtd(int port, String root) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE %1$s SYSTEM "http://127.0.0.1:%2$d/uftp.dtd">
                <%1$s/>
                """.formatted(root, port);
    }

    /** Every way a document can make a careless parser open a connection to {@code port}. */
    public static java.util.List<String> remoteReferences(int port, String root) {
        return java.util.List.of(externalHttpEntity(port, root), externalParameterEntity(port, root),
                externalDtd(port, root));
    }

    /** "Billion laughs": 10^9 copies of "lol" if expanded. */
    public static String billionLaughs(String root) {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return "<?xml version=\"1.0\"?><!DOCTYPE " + root + " [" + dtd + "]><" + root
                + " Version=\"&lol9;\">&lol9;</" + root + ">";
    }

    /**
     * A listening socket on loopback that records whether anybody connected. The parser under test runs in the
     * same thread, so a connection attempt has happened (and sits in the backlog) by the time it returns.
     */
    public static final class Trap implements AutoCloseable {

        private final ServerSocket socket;

        public Trap() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public int port() {
            return socket.getLocalPort();
        }

        public boolean wasContacted() {
            return wasContacted(200);
        }

        /** Waits up to {@code millis} for a connection; accepting and closing it unblocks a waiting client. */
        public boolean wasContacted(int millis) {
            try {
                socket.setSoTimeout(millis);
                try (Socket ignored = socket.accept()) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
