package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.platform.jtl.JtlConnect;
import com.nolimits.synchub.security.SecretBox;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connect flow of JTL-FFN channels: the operator (or the channel's client) opens
 * GET channels/{channelId}/connect in a browser, allows the hub at JTL-FFN, and JTL-FFN sends the browser
 * back to the callback, which is open: the single-use state it brings back is its proof.
 */
@RestController
public class JtlConnectController {

    private final ClientScope scope;
    private final JtlConnect connect;

    public JtlConnectController(ClientScope scope, JtlConnect connect) {
        this.scope = scope;
        this.connect = connect;
    }

    /** Redirects to JTL-FFN's authorize page (302); the Location header is the address to open elsewhere. */
    @GetMapping(path = "/api/integrations/product-sync/channels/{channelId}/connect", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> connect(@PathVariable String channelId) {
        Channel channel = scope.channel(channelId);
        if (channel.platform() != Platform.JTL) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "channel " + channelId + " is a " + channel.platform()
                    + " channel: only JTL-FFN channels are connected here (Shopify and WooCommerce use the keys in its configuration)");
        }
        var authorize = connect.start(channel);
        return ResponseEntity.status(HttpStatus.FOUND).location(authorize)
                .body(ApiResponses.ok(Map.of("channelId", channelId, "authorizeUrl", authorize.toString())).getBody());
    }

    @GetMapping(path = JtlConnect.CALLBACK_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> callback(@RequestParam(required = false) String state,
                                                        @RequestParam(required = false) String code,
                                                        @RequestParam(required = false) String error) {
        Channel channel = connect.complete(state, code, error);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", channel.id());
        data.put("state", "connected");
        data.put("message", "JTL-FFN channel " + channel.id() + " is connected; its waiting jobs are pushed now");
        return ApiResponses.ok(data);
    }

    @ExceptionHandler(JtlConnect.ConnectRefusedException.class)
    ResponseEntity<ApiError> refused(JtlConnect.ConnectRefusedException e) {
        return ApiResponses.error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(com.nolimits.synchub.outbound.PushFailedException.class)
    ResponseEntity<ApiError> tokenEndpointFailed(com.nolimits.synchub.outbound.PushFailedException e) {
        return ApiResponses.error(HttpStatus.BAD_GATEWAY, e.getMessage() + ": start the connect again");
    }

    @ExceptionHandler(SecretBox.MissingKeyException.class)
    ResponseEntity<ApiError> noKey(SecretBox.MissingKeyException e) {
        return ApiResponses.error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
