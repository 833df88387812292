package com.nolimits.synchub.merge;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads field-ownership.yaml into {@link OwnershipRules}. Every mistake stops start-up with a
 * message that names the entry, e.g. {@code groups.commerce[2]: unknown field 'prise'}.
 */
public final class FieldOwnershipFile {

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("conflict-window", "groups", "client-overrides");
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private FieldOwnershipFile() {
    }

    /** The packaged defaults, src/main/resources/field-ownership.yaml. */
    public static final String PACKAGED = "field-ownership.yaml";

    /** The packaged defaults: what the hub uses when no file replaces them. */
    public static OwnershipRules loadPackaged() {
        return read("classpath:" + PACKAGED, () -> {
            try (var in = FieldOwnershipFile.class.getClassLoader().getResourceAsStream(PACKAGED)) {
                if (in == null) {
                    throw new IOException("missing from the jar");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        });
    }

    public static OwnershipRules load(Path file) {
        return read(file.toString(), () -> Files.readString(file));
    }

    private interface Source {
        String text() throws IOException;
    }

    /** Reads and parses the rules; every problem names where they came from. */
    private static OwnershipRules read(String where, Source source) {
        String text;
        try {
            text = source.text();
        } catch (IOException e) {
            throw new OwnershipConfigException(where + ": cannot be read (" + e.getMessage() + ")");
        }
        try {
            return parse(text);
        } catch (OwnershipConfigException e) {
            throw new OwnershipConfigException(where + ": " + e.getMessage());
        }
    }

    public static OwnershipRules parse(String yamlText) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (YAMLException e) {
            throw new OwnershipConfigException("not valid YAML: " + e.getMessage());
        }
        Map<String, Object> top = mapAt(root, "the top level");
        for (String key : top.keySet()) {
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new OwnershipConfigException("unknown entry '" + key + "' (expected one of "
                        + String.join(", ", TOP_LEVEL_KEYS.stream().sorted().toList()) + ")");
            }
        }
        Duration window = duration(top.get("conflict-window"));
        Map<ProductField, FieldGroup> defaults = groups(top.get("groups"));
        Map<String, Map<ProductField, FieldGroup>> overrides = clientOverrides(top.get("client-overrides"), defaults);
        return new OwnershipRules(defaults, overrides, window);
    }

    private static Duration duration(Object raw) {
        if (raw == null) {
            throw new OwnershipConfigException("conflict-window is missing (e.g. conflict-window: 5m)");
        }
        String text = raw.toString().trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(text);
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } else {
            try {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new OwnershipConfigException("conflict-window: '" + raw
                        + "' is not a duration (use e.g. 5m, 300s or PT5M)");
            }
        }
        if (d.isNegative()) {
            throw new OwnershipConfigException("conflict-window: must not be negative");
        }
        return d;
    }

    private static Map<ProductField, FieldGroup> groups(Object raw) {
        if (raw == null) {
            throw new OwnershipConfigException("groups is missing");
        }
        Map<String, Object> groups = mapAt(raw, "groups");
        Map<ProductField, FieldGroup> defaults = new EnumMap<>(ProductField.class);
        for (Map.Entry<String, Object> entry : groups.entrySet()) {
            String where = "groups." + entry.getKey();
            FieldGroup group = group(entry.getKey(), where);
            if (!(entry.getValue() instanceof List<?> fields)) {
                throw new OwnershipConfigException(where + ": must be a list of field names");
            }
            for (int i = 0; i < fields.size(); i++) {
                ProductField field = field(fields.get(i), where + "[" + i + "]");
                FieldGroup before = defaults.put(field, group);
                if (before != null) {
                    throw new OwnershipConfigException(where + "[" + i + "]: field '" + field.key()
                            + "' is already in group " + before.key());
                }
            }
        }
        for (ProductField field : ProductField.values()) {
            if (!defaults.containsKey(field)) {
                throw new OwnershipConfigException("groups: field '" + field.key() + "' is in no group");
            }
        }
        return defaults;
    }

    private static Map<String, Map<ProductField, FieldGroup>> clientOverrides(Object raw,
                                                                              Map<ProductField, FieldGroup> defaults) {
        Map<String, Map<ProductField, FieldGroup>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (Map.Entry<String, Object> client : mapAt(raw, "client-overrides").entrySet()) {
            String where = "client-overrides." + client.getKey();
            Map<ProductField, FieldGroup> fields = new EnumMap<>(ProductField.class);
            for (Map.Entry<String, Object> entry : mapAt(client.getValue(), where).entrySet()) {
                String at = where + "." + entry.getKey();
                ProductField field = field(entry.getKey(), at);
                FieldGroup group = group(String.valueOf(entry.getValue()), at);
                checkOverride(field, defaults.get(field), group, at);
                fields.put(field, group);
            }
            out.put(client.getKey(), fields);
        }
        return out;
    }

    /** Stock is different in kind (only the warehouse and the hub count goods): nothing moves in or out of it. */
    public static void checkOverride(ProductField field, FieldGroup defaultGroup, FieldGroup group, String where) {
        if ((defaultGroup == FieldGroup.STOCK) != (group == FieldGroup.STOCK)) {
            throw new OwnershipConfigException(where + ": field '" + field.key()
                    + "' cannot move between the stock group and another group");
        }
    }

    private static FieldGroup group(String name, String where) {
        for (FieldGroup group : FieldGroup.values()) {
            if (group.key().equals(name)) {
                return group;
            }
        }
        throw new OwnershipConfigException(where + ": unknown group '" + name
                + "' (expected commerce, ops, shared or stock)");
    }

    private static ProductField field(Object name, String where) {
        return ProductField.byKey(String.valueOf(name)).orElseThrow(() ->
                new OwnershipConfigException(where + ": unknown field '" + name + "'"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw new OwnershipConfigException(where + ": must be a mapping");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new OwnershipConfigException(where + ": key '" + key + "' must be a name");
            }
        }
        return (Map<String, Object>) map;
    }
}
