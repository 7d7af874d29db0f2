package org.memsim.cli.output;

import java.util.Locale;

/**
 * A minimal streaming JSON writer for memsim's machine-readable output: objects, arrays, strings,
 * numbers (non-finite doubles become null), with commas managed for the caller. Output is
 * deterministic and compact, one document per command.
 */
public final class Json {
    private final StringBuilder sb = new StringBuilder();
    private final boolean[] first = new boolean[64];
    private int depth;
    private boolean afterKey;

    private void comma() {
        if (afterKey) {
            afterKey = false;
            return;
        }
        if (depth > 0) {
            if (!first[depth]) {
                sb.append(',');
            }
            first[depth] = false;
        }
    }

    public Json beginObject() {
        comma();
        sb.append('{');
        first[++depth] = true;
        return this;
    }

    public Json endObject() {
        depth--;
        sb.append('}');
        return this;
    }

    public Json beginArray() {
        comma();
        sb.append('[');
        first[++depth] = true;
        return this;
    }

    public Json endArray() {
        depth--;
        sb.append(']');
        return this;
    }

    public Json key(String k) {
        comma();
        string(sb, k);
        sb.append(':');
        afterKey = true;
        return this;
    }

    public Json value(String v) {
        comma();
        if (v == null) {
            sb.append("null");
        } else {
            string(sb, v);
        }
        return this;
    }

    public Json value(long v) {
        comma();
        sb.append(v);
        return this;
    }

    public Json value(double v) {
        comma();
        if (!Double.isFinite(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e").replaceAll("\\.$", ""));
        }
        return this;
    }

    public Json value(boolean v) {
        comma();
        sb.append(v);
        return this;
    }

    public Json field(String k, String v) {
        return key(k).value(v);
    }

    public Json field(String k, long v) {
        return key(k).value(v);
    }

    public Json field(String k, double v) {
        return key(k).value(v);
    }

    public Json field(String k, boolean v) {
        return key(k).value(v);
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
