package dev.clockscope.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The pipeline of a connection a peer opened to us: [TLS], frame decoder and encoder, the acceptor's handshake. */
final class AcceptorInitializer extends ChannelInitializer<Channel> {
    private final Links links;

    AcceptorInitializer(Links links) {
        this.links = links;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(links.reading);
        NetOptions options = links.options;
        if (options.serverTls() != null) {
            ch.pipeline().addLast(options.serverTls().newHandler(ch.alloc()));
        }
        ch.pipeline().addLast(new FrameDecoder(), FrameEncoder.INSTANCE, new AcceptorHandshake(links));
    }
}
