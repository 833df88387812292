package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of the webhook endpoints, as JSON. Only a stored (or known duplicate) event gets a 2xx;
 * a database problem is 503 so the platform retries. Inbound headers never leak into the answer.
 */
@Component
public class WebhookResponses {

    private static final Logger log = LoggerFactory.getLogger(WebhookResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MeterRegistry meters;

    public WebhookResponses(MeterRegistry meters) {
        this.meters = meters;
    }

    public void accepted(Exchange exchange) {
        boolean duplicate = exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class);
        count(exchange, duplicate ? "duplicate" : "accepted");
        answer(exchange, 200, duplicate ? "{\"success\":true,\"data\":{\"duplicate\":true}}"
                : "{\"success\":true,\"data\":{\"stored\":true}}");
    }

    /** A delivery triggered longer ago than sync.webhooks.max-age: answered 200 so it is not sent again, not merged. */
    public void tooOld(Exchange exchange) {
        count(exchange, "too-old");
        log.warn("Webhook {} on {} triggered at {} is older than sync.webhooks.max-age: acknowledged, not merged",
                exchange.getIn().getHeader(ExchangeKeys.TOPIC), exchange.getIn().getHeader(ExchangeKeys.CHANNEL_ID),
                exchange.getIn().getHeader("X-Shopify-Triggered-At"));
        answer(exchange, 200, "{\"success\":true,\"data\":{\"tooOld\":true}}");
    }

    /** WooCommerce's ping when a merchant saves a webhook. */
    public void ping(Exchange exchange) {
        count(exchange, "ping");
        answer(exchange, 200, "{\"success\":true,\"data\":{\"ping\":true}}");
    }

    public void rejected(Exchange exchange) {
        WebhookRejectedException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, WebhookRejectedException.class);
        count(exchange, "rejected");
        log.warn("Rejected webhook {} {}: {}", exchange.getIn().getHeader(Exchange.HTTP_URI),
                exchange.getIn().getHeader(ExchangeKeys.CHANNEL_ID, "(unknown channel)", String.class), e.getMessage());
        answer(exchange, e.status(), error(e.getMessage()));
    }

    public void unavailable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        count(exchange, "unavailable");
        log.error("Webhook not stored, the database is unavailable: {}", e == null ? "?" : e.getMessage());
        answer(exchange, 503, error("the hub cannot store the event right now, retry later"));
        exchange.getMessage().setHeader("Retry-After", "30");
    }

    /**
     * Cluster mode: the event is in the inbox but Kafka did not take it. Not acknowledged, so the platform
     * retries (and is then told it is a duplicate); the inbox poll merges the stored event meanwhile.
     */
    public void handOffFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        count(exchange, "unavailable");
        log.error("Webhook stored as inbox event {} but not handed off ({}); the inbox poll will merge it",
                exchange.getIn().getHeader(ExchangeKeys.INBOX_ID), e == null ? "?" : e.getMessage());
        answer(exchange, 503, error("the hub cannot take the event right now, retry later"));
        exchange.getMessage().setHeader("Retry-After", "30");
    }

    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        count(exchange, "error");
        log.error("Webhook not stored", e);
        answer(exchange, 500, error("internal error, the event was not stored"));
    }

    private void count(Exchange exchange, String outcome) {
        String platform = exchange.getIn().getHeader(ExchangeKeys.PLATFORM, "unknown", String.class);
        meters.counter("sync.webhooks", "platform", platform, "outcome", outcome).increment();
    }

    private static void answer(Exchange exchange, int status, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }

    /** Written by Jackson: a message may quote what a caller sent, control characters and all. */
    private static String error(String message) {
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", false);
            body.put("error", message);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
