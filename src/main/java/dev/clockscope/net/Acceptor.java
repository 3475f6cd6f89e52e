package dev.clockscope.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** Listens on the machine's own host:port; every accepted connection gets the {@link AcceptorInitializer}'s pipeline. */
final class Acceptor {
    private Acceptor() {
    }

    /** Binds {@code address}; returns the listening channel, or throws with the reason. */
    static Channel bind(EventLoopGroup group, Links links, InetSocketAddress address) throws NetStartException {
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new AcceptorInitializer(links))
                .bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new NetStartException("cannot listen on " + links.self.host() + ":" + links.self.port() + ": "
                    + bound.cause().getMessage());
        }
        return bound.channel();
    }
}
