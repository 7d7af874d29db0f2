package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "0                   | bytes   | 0 B",
        "1                   | bytes   | 1 B",
        "0.5                 | bytes   | 0.5 B",
        "1023                | bytes   | 1023 B",
        "1023.9              | bytes   | 1 KiB",
        "1024                | bytes   | 1 KiB",
        "1536                | bytes   | 1.5 KiB",
        "10240               | bytes   | 10 KiB",
        "123456              | bytes   | 121 KiB",
        "1048575             | bytes   | 1 MiB",
        "1048576             | bytes   | 1 MiB",
        "3489660928          | bytes   | 3.25 GiB",
        "1099511627776       | bytes   | 1 TiB",
        "9223372036854775807 | bytes   | 8 EiB",
        "-2048               | bytes   | -2 KiB",
        "4096                | B       | 4 KiB",
        "0                   | pages   | 0",
        "7                   | pages   | 7",
        "999                 | pages   | 999",
        "1000                | pages   | 1k",
        "12000               | faults  | 12k",
        "12345               | faults  | 12.3k",
        "999499              | faults  | 999k",
        "999999              | faults  | 1M",
        "3400000             | events  | 3.4M",
        "1234567890          | events  | 1.23G",
        "9223372036854775807 | events  | 9.22E",
        "-1500               | pages   | -1.5k",
        "0.25                | pages   | 0.25",
        "0.00123             | pages   | 0.00123",
        "12000               | widgets | 12k",
        "12000               | ''      | 12k",
        "0                   | ns      | 0 ns",
        "999                 | ns      | 999 ns",
        "1500                | ns      | 1.5 \u00b5s",
        "250000              | ns      | 250 \u00b5s",
        "999999              | ns      | 1 ms",
        "2000000             | ns      | 2 ms",
        "3000000000          | ns      | 3 s",
        "7200000000000       | ns      | 7200 s",
        "12.5                | %       | 12.5%",
        "100                 | %       | 100%",
        "0.333               | %       | 0.333%",
        "-3                  | %       | -3%",
    })
    void formatsByUnit(double value, String unit, String expected) {
        assertEquals(expected, Units.format(value, unit));
    }

    @Test
    void astronomicalValuesUseExponents() {
        assertEquals("1e300", Units.format(1e300, "pages"));
        assertEquals("-1.23e300 B", Units.format(-1.234e300, "bytes"));
        assertEquals("1.23e34 ns", Units.format(1.234e34, "ns"));
        assertEquals("1P", Units.format(1e15, ""));
        assertEquals("999T", Units.format(999e12, ""));
        String[] labels = Axis.of(0, 1e300, "", 10).labels;
        assertEquals("0", labels[0]);
        assertEquals("2e299", labels[1]);
        assertEquals("1e300", labels[labels.length - 1]);
        assertEquals(labels.length, new java.util.HashSet<>(java.util.List.of(labels)).size());
    }

    @Test
    void nonFiniteIsNotAvailable() {
        assertEquals("n/a", Units.format(Double.NaN, "bytes"));
        assertEquals("n/a", Units.format(Double.POSITIVE_INFINITY, "pages"));
    }

    @Test
    void negativeZeroHasNoSign() {
        assertEquals("0 B", Units.format(-0.0, "bytes"));
        assertEquals("0 ns", Units.format(-0.0, "ns"));
        assertEquals("-0.0001", Units.format(-0.0001, "pages"));
    }

    @Test
    void tickLabelsShareOnePrefixAndStartFromZeroInTheBaseUnit() {
        assertArrayEquals(new String[] {"0 B", "0.5 MiB", "1 MiB", "1.5 MiB", "2 MiB", "2.5 MiB", "3 MiB", "3.5 MiB"},
                Axis.of(0, 3.2 * 1024 * 1024, "bytes", 10).labels);
        assertArrayEquals(new String[] {"0", "5k", "10k", "15k", "20k"}, Axis.of(0, 20_000, "events", 10).labels);
        assertArrayEquals(new String[] {"0", "200", "400", "600", "800", "1000"}, Axis.of(0, 1000, "faults", 10).labels);
        assertArrayEquals(new String[] {"0 ns", "0.5 ms", "1 ms", "1.5 ms", "2 ms", "2.5 ms"},
                Axis.of(0, 2.5e6, "ns", 10).labels);
        assertArrayEquals(new String[] {"0%", "20%", "40%", "60%", "80%", "100%"}, Axis.of(0, 100, "%", 10).labels);
        assertArrayEquals(new String[] {"-1000", "-500", "0", "500", "1000", "1500", "2000"},
                Axis.of(-1000, 2000, "pages", 10).labels);
    }

    @Test
    void tickLabelsGetEnoughDecimalsToDiffer() {
        Axis a = Axis.of(1_000_000, 1_000_900, "pages", 10);
        for (int i = 1; i < a.labels.length; i++) {
            assertEquals(false, a.labels[i].equals(a.labels[i - 1]), String.join(", ", a.labels));
        }
        assertEquals("1M", a.labels[0]);
        assertEquals("1.0001M", a.labels[1]);
    }
}
