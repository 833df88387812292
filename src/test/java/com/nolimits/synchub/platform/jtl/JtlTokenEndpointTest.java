package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.PushFailedException;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token exchange's answers other than a token, through the route jtl-token-exchange against a token
 * endpoint of the test's own: no answer, an answer that is not JSON, 429 with Retry-After (each fails
 * for now), a refused client (a refusal, not a failure), and the request as JTL-FFN documents it.
 */
@HubTest
class JtlTokenEndpointTest {

    @Autowired
    JtlTokenEndpoint endpoint;

    HttpServer server;
    final Map<String, String> received = new ConcurrentHashMap<>();

    @BeforeEach
    void aTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/html", 200, "text/html", "<html>maintenance</html>", Map.of());
        answer("/slow-down", 429, "application/json", "{\"error\": \"rate_limited\"}", Map.of("Retry-After", "7"));
        answer("/refused", 401, "application/json", "{\"error\": \"invalid_client\"}", Map.of());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void noAnswerFailsForNow() {
        assertThatThrownBy(() -> endpoint.call(channel("http://127.0.0.1:1/token"), refresh()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageStartingWith("JTL token endpoint unreachable");
    }

    @Test
    void anAnswerThatIsNotJsonFailsForNow() {
        assertThatThrownBy(() -> endpoint.call(channel(base() + "/html"), refresh()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessage("JTL token endpoint answered with a body that is not JSON");
    }

    @Test
    void tooManyRequestsFailsForNowAndSaysWhenToComeBack() {
        assertThatThrownBy(() -> endpoint.call(channel(base() + "/slow-down"), refresh()))
                .isInstanceOfSatisfying(PushFailedException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfterSeconds()).isEqualTo(7);
                })
                .hasMessage("JTL token endpoint answered 429 rate_limited");
    }

    @Test
    void aRefusedClientIsARefusalSentAsJtlDocumentsIt() {
        Object answer = endpoint.call(channel(base() + "/refused"), refresh());

        assertThat(answer).isEqualTo(new JtlTokenEndpoint.Refusal("invalid_client: JTL-FFN refused the client id or secret"));
        assertThat(received).containsEntry("method", "POST")
                .containsEntry("authorization", JtlTokenEndpoint.basicAuthentication("the-client", "the-secret"))
                .containsEntry("contentType", "application/x-www-form-urlencoded")
                .containsEntry("body", "grant_type=refresh_token&refresh_token=rt_1");
        assertThat(received.get("headers")).doesNotContain("Sync"); // none of the exchange's own headers leak out
    }

    private void answer(String path, int status, String type, String body, Map<String, String> headers) {
        server.createContext(path, exchange -> {
            received.put("method", exchange.getRequestMethod());
            received.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.put("contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            received.put("headers", String.join(",", exchange.getRequestHeaders().keySet()));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static List<String> refresh() {
        return List.of("grant_type=refresh_token", "refresh_token=rt_1");
    }

    private static Channel channel(String tokenUrl) {
        ChannelSettings settings = new ChannelSettings();
        settings.setPlatform(Platform.JTL);
        settings.setBaseUrl("http://127.0.0.1:1/api");
        settings.setTokenUrl(tokenUrl);
        settings.setClientId("the-client");
        settings.setClientSecret("the-secret");
        return new Channel("token-test", "acme", settings);
    }
}
