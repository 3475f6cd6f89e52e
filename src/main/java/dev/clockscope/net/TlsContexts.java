package dev.clockscope.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual TLS from PEM files (scripts/make-test-certs.sh): every machine presents its own certificate
 * signed by the cluster CA and accepts only peers whose certificate that CA signed. Host names are not
 * checked (machines are identified by the authenticated handshake, and test certificates name ids, not
 * hosts).
 */
public final class TlsContexts {
    private final SslContext server;
    private final SslContext client;

    private TlsContexts(SslContext server, SslContext client) {
        this.server = server;
        this.client = client;
    }

    /** Throws {@link NetStartException} with a one-line reason when a file is missing or unusable. */
    public static TlsContexts load(Path ca, Path cert, Path key) throws NetStartException {
        for (Path p : new Path[] {ca, cert, key}) {
            if (!Files.isReadable(p)) {
                throw new NetStartException("TLS: cannot read " + p);
            }
        }
        try {
            SslContext server = SslContextBuilder.forServer(cert.toFile(), key.toFile())
                    .trustManager(ca.toFile()).clientAuth(ClientAuth.REQUIRE).build();
            SslContext client = SslContextBuilder.forClient()
                    .keyManager(cert.toFile(), key.toFile()).trustManager(ca.toFile()).build();
            return new TlsContexts(server, client);
        } catch (Exception e) {
            throw new NetStartException("TLS: cannot use " + cert + " / " + key + " / " + ca + ": " + e.getMessage());
        }
    }

    public SslContext server() {
        return server;
    }

    public SslContext client() {
        return client;
    }
}
