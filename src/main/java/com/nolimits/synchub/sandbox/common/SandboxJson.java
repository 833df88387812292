package com.nolimits.synchub.sandbox.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Map;

/** JSON in and out of the sandboxes, independent of the hub's ObjectMapper settings. */
public final class SandboxJson {

    // the modules named, not found on the classpath: a test classpath with Kafka's Scala module broke parsing
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule()).build();

    private SandboxJson() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object, or null when the text is not one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        try {
            Object value = MAPPER.readValue(text, Object.class);
            return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

}
