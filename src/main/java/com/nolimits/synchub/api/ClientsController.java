package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Who is calling and which clients they reach: every client for the operator, its own for a client's key. */
@RestController
@RequestMapping(path = "/api/integrations/product-sync", produces = MediaType.APPLICATION_JSON_VALUE)
public class ClientsController {

    @Schema(description = "The caller and the clients it reaches")
    public record Clients(@Schema(description = "the operator's user name, or 'client <id>'", example = "operator") String caller,
                          @Schema(description = "true for the operator (every client)") boolean operator,
                          List<ClientView> clients) {
    }

    @Schema(description = "A client and its enabled channels")
    public record ClientView(@Schema(example = "demo") String clientId, @Schema(example = "Demo merchant") String name,
                             @Schema(example = "[\"demo-shopify\", \"demo-woo\", \"demo-jtl\"]") List<String> channelIds) {
    }

    private final ClientDirectory directory;
    private final ClientScope scope;

    public ClientsController(ClientDirectory directory, ClientScope scope) {
        this.directory = directory;
        this.scope = scope;
    }

    @GetMapping("/clients")
    public ResponseEntity<ApiAnswer<Clients>> clients() {
        Caller caller = scope.caller();
        List<ClientView> clients = directory.clients().entrySet().stream()
                .filter(client -> caller.mayAccess(client.getKey()))
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(client -> new ClientView(client.getKey(), client.getValue().getName(),
                        directory.channelsOf(client.getKey()).stream().map(Channel::id).toList()))
                .toList();
        return ApiResponses.answer(new Clients(caller.name(), caller.isOperator(), clients));
    }
}
