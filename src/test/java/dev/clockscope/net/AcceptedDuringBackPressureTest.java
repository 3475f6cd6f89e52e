package dev.clockscope.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection accepted while the machine's back-pressure changes (NetTransport.setReading, from the tick thread)
 * reads as the machine does once it is active. Its pipeline reads the flag when it is built, but setReading only
 * reaches connections already in the group, which a new one joins when it becomes active: a change in between
 * used to miss it, and a connection left not reading after reads resumed stayed so for good (its silence is then
 * taken for our own back-pressure, so no heartbeat timeout ever closes it).
 */
class AcceptedDuringBackPressureTest {
    private final LinkRig rig = new LinkRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void readsResumedBetweenItsPipelineAndItsActivationAreResumedForIt() {
        rig.links.reading = false; // back-pressure on when the pipeline is built
        EmbeddedChannel ch = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel c) {
                c.pipeline().addLast(new AcceptorInitializer(rig.links)); // built now, reading the flag
                assertFalse(c.config().isAutoRead(), "built while reads were off");
                // the tick thread resumes reads now: the group does not hold this connection yet
                rig.links.reading = true;
                for (Channel in : rig.links.inboundChannels) {
                    in.config().setAutoRead(true);
                }
            }
        });
        assertTrue(ch.isActive());
        assertTrue(ch.config().isAutoRead(), "reads as the machine does");
        ch.finishAndReleaseAll();
    }
}
