package com.nolimits.synchub.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The value types of product fields and their canonical Java form. Canonical values compare with
 * {@code equals}, so "18.90" and 18.9 are the same price and a no-op is recognised as one.
 */
public enum FieldType {
    TEXT, DECIMAL, INTEGER, BOOLEAN, TEXT_LIST;

    /** Largest decimal the schema stores (numeric(14,4)). */
    private static final BigDecimal MAX_DECIMAL = new BigDecimal("9999999999");

    /**
     * Turns a JSON-ish value (String, Number, Boolean, List, null) into the canonical value.
     *
     * @throws InvalidFieldValueException with a message that says what is wrong, without the field name
     */
    public Object canonical(Object raw, boolean nullable) {
        if (raw == null) {
            if (this == TEXT_LIST) {
                return List.of();
            }
            if (!nullable) {
                throw new InvalidFieldValueException("must not be null");
            }
            return null;
        }
        return switch (this) {
            case TEXT -> text(raw, nullable);
            case DECIMAL -> decimal(raw);
            case INTEGER -> integer(raw);
            case BOOLEAN -> bool(raw);
            case TEXT_LIST -> textList(raw);
        };
    }

    /** "" and null are the same absent text where a field may be empty: platforms send "" where the hub holds null. */
    private static String text(Object raw, boolean nullable) {
        if (raw instanceof String s) {
            return nullable && s.isEmpty() ? null : withoutNul(s);
        }
        throw new InvalidFieldValueException("must be a string");
    }

    /** PostgreSQL's text cannot hold U+0000, and no product text needs it. */
    private static String withoutNul(String s) {
        if (s.indexOf('\u0000') >= 0) {
            throw new InvalidFieldValueException("must not contain the NUL character (U+0000)");
        }
        return s;
    }

    private static BigDecimal decimal(Object raw) {
        BigDecimal value;
        if (raw instanceof BigDecimal d) {
            value = d;
        } else if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger) {
            value = new BigDecimal(raw.toString());
        } else if (raw instanceof Double || raw instanceof Float) {
            double d = ((Number) raw).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidFieldValueException("must be a finite number");
            }
            value = BigDecimal.valueOf(d);
        } else if (raw instanceof String s) {
            try {
                value = new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new InvalidFieldValueException("must be a decimal number");
            }
        } else {
            throw new InvalidFieldValueException("must be a decimal number");
        }
        if (value.signum() < 0) {
            throw new InvalidFieldValueException("must not be negative");
        }
        if (value.compareTo(MAX_DECIMAL) > 0) {
            throw new InvalidFieldValueException("must not exceed " + MAX_DECIMAL.toPlainString());
        }
        value = value.stripTrailingZeros();
        if (value.scale() > 4) {
            throw new InvalidFieldValueException("must have at most 4 decimal places");
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    private static Integer integer(Object raw) {
        BigDecimal value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger || raw instanceof BigDecimal) {
            value = new BigDecimal(raw.toString());
        } else {
            throw new InvalidFieldValueException("must be a whole number");
        }
        if (value.stripTrailingZeros().scale() > 0) {
            throw new InvalidFieldValueException("must be a whole number");
        }
        if (value.signum() < 0) {
            throw new InvalidFieldValueException("must not be negative");
        }
        if (value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new InvalidFieldValueException("must not exceed " + Integer.MAX_VALUE);
        }
        return value.intValue();
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        throw new InvalidFieldValueException("must be true or false");
    }

    private static List<String> textList(Object raw) {
        if (!(raw instanceof List<?> list)) {
            throw new InvalidFieldValueException("must be a list of strings");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new InvalidFieldValueException("must be a list of strings");
            }
            out.add(withoutNul(s));
        }
        return Collections.unmodifiableList(out);
    }
}
