package dev.clockscope.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The pipeline of our connection to a peer: [TLS], frame decoder and encoder, the connector's handshake. */
final class ConnectorInitializer extends ChannelInitializer<Channel> {
    private final Links links;
    private final PeerLink link;

    ConnectorInitializer(Links links, PeerLink link) {
        this.links = links;
        this.link = link;
    }

    @Override
    protected void initChannel(Channel ch) {
        NetOptions options = links.options;
        if (options.clientTls() != null) {
            ch.pipeline().addLast(options.clientTls().newHandler(ch.alloc(), link.spec.host(), link.spec.port()));
        }
        ch.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE, new ConnectorHandshake(links, link));
    }
}
