package dev.clockscope.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final Handshake alice = new Handshake("s3cret");
    private final Handshake mallory = new Handshake("guess");

    @Test
    void bothProofsCheckOutWithTheSameSecretOnly() {
        Frame.Hello hello = new Frame.Hello(2, "a", 1, Handshake.newNonce());
        Frame.HelloAck ack = alice.answer(hello, "b", 2);
        assertTrue(alice.ackValid(hello, ack));
        assertFalse(mallory.ackValid(hello, ack));
        Frame.Auth auth = new Frame.Auth(alice.authMac(hello, ack));
        assertTrue(alice.authValid(hello, ack, auth));
        assertFalse(alice.authValid(hello, ack, new Frame.Auth(mallory.authMac(hello, ack))));
        // the acceptor's proof is no use as the connector's proof (different labels)
        assertFalse(alice.authValid(hello, ack, new Frame.Auth(ack.mac())));
        // a proof is bound to the nonces: replaying it on another connection fails
        Frame.Hello other = new Frame.Hello(2, "a", 1, Handshake.newNonce());
        assertFalse(alice.authValid(other, alice.answer(other, "b", 2), auth));
    }

    @Test
    void knownAnswerMatchesTheDocumentedConstruction() throws Exception {
        // the same vector is checked by the Python peer's self-test (docs/PROTOCOL.md, appendix)
        Frame.Hello hello = new Frame.Hello(2, "machine_1", 7, new byte[32]);
        byte[] nonce = new byte[32];
        nonce[0] = 1;
        Frame.HelloAck unsigned = new Frame.HelloAck(2, "machine_2", 9, nonce, new byte[32]);
        byte[] ackMac = alice.ackMac(hello, unsigned);
        Frame.HelloAck ack = new Frame.HelloAck(2, "machine_2", 9, nonce, ackMac);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(), "HmacSHA256"));
        mac.update("CLOCKSCOPE-ACK".getBytes());
        mac.update(FrameCodec.encode(hello));
        byte[] ackBytes = FrameCodec.encode(unsigned);
        mac.update(ackBytes, 0, ackBytes.length - 32);
        assertArrayEquals(mac.doFinal(), ackMac);
        System.out.println("HandshakeTest known answer: ack mac " + HexFormat.of().formatHex(ackMac)
                + ", auth mac " + HexFormat.of().formatHex(alice.authMac(hello, ack)));
    }
}
