package dev.clockscope.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge-response of the handshake (docs/PROTOCOL.md "Authentication"). Both sides prove they
 * know the cluster secret by an HMAC-SHA256 over the exact bytes exchanged so far, which include a fresh
 * nonce from each side, so a recorded handshake cannot be replayed and a proof for one connection is
 * worthless on another. Different labels for the two proofs stop an acceptor being used as an oracle
 * that computes the connector's proof.
 */
public final class Handshake {
    /** Key used when no secret is configured: the handshake runs the same, but anyone can compute it. */
    public static final String OPEN_CLUSTER_KEY = "clockscope-open-cluster";
    static final byte[] ACK_LABEL = "CLOCKSCOPE-ACK".getBytes(StandardCharsets.US_ASCII);
    static final byte[] AUTH_LABEL = "CLOCKSCOPE-AUTH".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom NONCES = new SecureRandom();

    private final SecretKeySpec key;

    /** {@code secret} null or empty: an open cluster (see {@link #OPEN_CLUSTER_KEY}). */
    public Handshake(String secret) {
        String k = secret == null || secret.isEmpty() ? OPEN_CLUSTER_KEY : secret;
        this.key = new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public static byte[] newNonce() {
        byte[] nonce = new byte[FrameCodec.NONCE_BYTES];
        NONCES.nextBytes(nonce);
        return nonce;
    }

    /** The acceptor's answer to {@code hello}, carrying its proof; it has seen nothing of the connector. */
    public Frame.HelloAck answer(Frame.Hello hello, String selfId, long incarnation) {
        return answer(hello, selfId, incarnation, 0, 0);
    }

    /**
     * The acceptor's answer to {@code hello}, carrying its proof and the highest Lamport value and own vector
     * entry it has seen from the connector (in any life of the connector).
     */
    public Frame.HelloAck answer(Frame.Hello hello, String selfId, long incarnation, long seenLamport,
                                 long seenOwnEntry) {
        Frame.HelloAck unsigned = new Frame.HelloAck(FrameCodec.PROTOCOL_VERSION, selfId, incarnation, newNonce(),
                seenLamport, seenOwnEntry, new byte[FrameCodec.MAC_BYTES]);
        return unsigned.withMac(ackMac(hello, unsigned));
    }

    /** HMAC(key, "CLOCKSCOPE-ACK" || Hello payload || HelloAck payload without its last 32 bytes). */
    public byte[] ackMac(Frame.Hello hello, Frame.HelloAck ack) {
        byte[] ackBytes = FrameCodec.encode(ack);
        return hmac(ACK_LABEL, FrameCodec.encode(hello), ackBytes, ackBytes.length - FrameCodec.MAC_BYTES);
    }

    /** HMAC(key, "CLOCKSCOPE-AUTH" || Hello payload || whole HelloAck payload). */
    public byte[] authMac(Frame.Hello hello, Frame.HelloAck ack) {
        byte[] ackBytes = FrameCodec.encode(ack);
        return hmac(AUTH_LABEL, FrameCodec.encode(hello), ackBytes, ackBytes.length);
    }

    public boolean ackValid(Frame.Hello hello, Frame.HelloAck ack) {
        return MessageDigest.isEqual(ackMac(hello, ack), ack.mac());
    }

    public boolean authValid(Frame.Hello hello, Frame.HelloAck ack, Frame.Auth auth) {
        return MessageDigest.isEqual(authMac(hello, ack), auth.mac());
    }

    private byte[] hmac(byte[] label, byte[] hello, byte[] ack, int ackLength) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(label);
            mac.update(hello);
            mac.update(ack, 0, ackLength);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Handshake[key hidden]";
    }
}
