package dev.clockscope.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private final Handshake alice = new Handshake("s3cret");
    private final Handshake mallory = new Handshake("guess");

    @Test
    void bothProofsCheckOutWithTheSameSecretOnly() {
        Frame.Hello hello = new Frame.Hello(3, "a", 1, Handshake.newNonce());
        Frame.HelloAck ack = alice.answer(hello, "b", 2);
        assertTrue(alice.ackValid(hello, ack));
        assertFalse(mallory.ackValid(hello, ack));
        Frame.Auth auth = new Frame.Auth(alice.authMac(hello, ack));
        assertTrue(alice.authValid(hello, ack, auth));
        assertFalse(alice.authValid(hello, ack, new Frame.Auth(mallory.authMac(hello, ack))));
        // the acceptor's proof is no use as the connector's proof (different labels)
        assertFalse(alice.authValid(hello, ack, new Frame.Auth(ack.mac())));
        // a proof is bound to the nonces: replaying it on another connection fails
        Frame.Hello other = new Frame.Hello(3, "a", 1, Handshake.newNonce());
        assertFalse(alice.authValid(other, alice.answer(other, "b", 2), auth));
    }

    @Test
    void theHighWaterMarksAreCoveredByTheProofs() {
        Frame.Hello hello = new Frame.Hello(3, "a", 1, Handshake.newNonce(), 40, 12);
        Frame.HelloAck ack = alice.answer(hello, "b", 2, 7, 3);
        assertEquals(7, ack.seenLamport());
        assertEquals(3, ack.seenOwnEntry());
        assertTrue(alice.ackValid(hello, ack));
        // a man in the middle who lowers what the acceptor has seen breaks the acceptor's proof...
        Frame.HelloAck lowered = new Frame.HelloAck(3, "b", 2, ack.nonce(), 0, 3, ack.mac());
        assertFalse(alice.ackValid(hello, lowered));
        // ...and one who changes the connector's Hello breaks both proofs
        Frame.Hello raised = new Frame.Hello(3, "a", 1, hello.nonce(), 41, 12);
        assertFalse(alice.ackValid(raised, ack));
        assertFalse(alice.authValid(raised, ack, new Frame.Auth(alice.authMac(hello, ack))));
    }

    /**
     * The known answer docs/PROTOCOL.md publishes (section 3); the Python peer's self-test checks the same
     * vector. Hello(4, "machine_1", incarnation 7, nonce 32 x 00, seen 5 / 3) and HelloAck(4, "machine_2",
     * incarnation 9, nonce 01 then 31 x 00, seen 11 / 4), key "s3cret". The hex below was computed
     * independently with Python's hmac module over the byte strings spelled out in the document.
     */
    @Test
    void knownAnswerIsTheOneTheProtocolDocumentPublishes() {
        HexFormat hex = HexFormat.of();
        Frame.Hello hello = new Frame.Hello(4, "machine_1", 7, new byte[32], 5, 3);
        byte[] nonce = new byte[32];
        nonce[0] = 1;
        Frame.HelloAck unsigned = new Frame.HelloAck(4, "machine_2", 9, nonce, 11, 4, new byte[32]);
        assertEquals("01000400096d616368696e655f3100000000000000070000000000000000000000000000000000000000000000000000"
                + "00000000000000000000000000050000000000000003", hex.formatHex(FrameCodec.encode(hello)));
        byte[] ackBytes = FrameCodec.encode(unsigned);
        assertEquals("02000400096d616368696e655f320000000000000009010000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000b0000000000000004", hex.formatHex(ackBytes, 0, ackBytes.length - 32));
        byte[] ackMac = alice.ackMac(hello, unsigned);
        assertArrayEquals(hex.parseHex("f994848c39b2f55676ac12745e34377c7c80519ea71a846dc77f9acd55dcbf57"), ackMac);
        assertArrayEquals(hex.parseHex("38b6f750dad20d2541f42aec376ef65e4151f0625c43204cd6b51de6e9b753a0"),
                alice.authMac(hello, unsigned.withMac(ackMac)));
    }
}
