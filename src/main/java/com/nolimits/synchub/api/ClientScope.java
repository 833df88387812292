package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.security.Caller;
import com.nolimits.synchub.store.Product;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.sync.ProductNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * The clients and products a management API request names, looked up and checked against the caller:
 * the operator reaches every client, a client's key only that client's products, logs, conflicts and
 * jobs (403 otherwise, also for a client that does not exist). Unknown ones are 404 to the operator.
 */
@Component
public class ClientScope {

    private final ProductStore products;
    private final ClientDirectory directory;

    public ClientScope(ProductStore products, ClientDirectory directory) {
        this.products = products;
        this.directory = directory;
    }

    /** The product of a path's {productId}, if the caller may reach it. */
    public Product product(String rawProductId) {
        UUID id = ProductRequests.productId(rawProductId);
        Product product = products.find(id).orElseThrow(() -> new ProductNotFoundException(id));
        requireAccess(product.clientId());
        return product;
    }

    /**
     * A path's {clientId}: the caller's, and known. A client's key is refused alike for another client and
     * for one that does not exist (403), so it cannot learn which clients the hub serves.
     */
    public void client(String clientId) {
        requireAccess(clientId);
        if (!directory.hasClient(clientId)) {
            throw new ApiException(HttpStatus.NOT_FOUND, "unknown client '" + clientId + "'");
        }
    }

    /**
     * A path's {channelId}, if the caller may reach it. A client's key is told 403 alike for another
     * client's channel and for none.
     */
    public Channel channel(String channelId) {
        Channel channel = directory.channel(channelId).orElse(null);
        if (channel == null) {
            requireOperator();
            throw new ApiException(HttpStatus.NOT_FOUND, "no channel '" + channelId + "'");
        }
        requireAccess(channel.clientId());
        return channel;
    }

    /** A body's channelId that must be one of the path's client (already checked); 400 otherwise. */
    public Channel channelOfClient(String clientId, String channelId) {
        Channel channel = channel(channelId);
        if (!channel.clientId().equals(clientId)) {
            throw ApiException.badRequest("channelId: '" + channelId + "' is not a channel of client " + clientId);
        }
        return channel;
    }

    /** @throws ApiException 403 when the caller is another client */
    public void requireAccess(String clientId) {
        Caller caller = caller();
        if (!caller.mayAccess(clientId)) {
            throw ApiException.forbidden("the key or login of client '" + caller.clientId() + "' does not reach client '" + clientId + "'");
        }
    }

    public boolean mayAccess(String clientId) {
        return caller().mayAccess(clientId);
    }

    /** @throws ApiException 403 unless the caller is the operator */
    public void requireOperator() {
        if (!caller().isOperator()) {
            throw ApiException.forbidden("only the operator may do this");
        }
    }

    /** Who calls: the key's or login's caller; a client logged in through the form is one client. */
    public Caller caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        boolean operator = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + Caller.OPERATOR_ROLE));
        if (operator) {
            return Caller.operator(authentication.getName());
        }
        throw ApiException.forbidden("not allowed");
    }
}
