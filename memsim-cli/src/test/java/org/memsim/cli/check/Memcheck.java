package org.memsim.cli.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads Valgrind memcheck's XML output ({@code --xml=yes}, protocol 4, Valgrind 3.19) into
 * {@link Finding}s in memsim's vocabulary.
 *
 * <pre>
 * memcheck kind        auxwhat "Address 0x… is …"                 memsim kind         offset
 * InvalidRead/Write    N bytes after a block of size M alloc'd    heap-overflow       M + N
 * InvalidRead/Write    N bytes before a block of size M alloc'd   heap-underflow      −N
 * InvalidRead/Write    N bytes inside a block of size M alloc'd   heap-overflow       N   (N + size > M: the access
 *                                                                                     starts inside, runs past the end)
 * InvalidRead/Write    N bytes inside a block of size M free'd    use-after-free      N
 * InvalidRead/Write    anything else (no heap block)              invalid-access      (no memsim kind)
 * InvalidFree          N bytes inside a block of size M free'd    double-free         N
 * InvalidFree          N bytes inside a block of size M alloc'd   invalid-free        N
 * InvalidFree          on a stack, inside a data symbol, …        invalid-free        (block=none)
 * MismatchedFree                                                  mismatched-free     (no memsim kind)
 * UninitCondition / UninitValue / SyscallParam                    uninitialized-read  condition / value / syscall
 * Leak_DefinitelyLost / IndirectlyLost / PossiblyLost / StillReachable
 *                      "B (D direct, I indirect) bytes in K blocks"  leak definite / indirect / possible / reachable,
 *                                                                 K findings of D/K bytes each
 * </pre>
 *
 * The detail of a free is the function memcheck caught it in ({@code free}, {@code realloc}); of an access,
 * {@code read} or {@code write} from "Invalid read of size S", with S as the size.
 */
final class Memcheck {
    private static final Pattern ACCESS = Pattern.compile("Invalid (read|write) of size (\\d+)");
    private static final Pattern BLOCK =
        Pattern.compile("Address 0x[0-9a-fA-F]+ is ([\\d,]+) bytes (after|before|inside) a block of size ([\\d,]+) (alloc'd|free'd)");
    private static final Pattern LEAK = Pattern.compile(
        "^([\\d,]+)(?: \\(([\\d,]+) direct, ([\\d,]+) indirect\\))? bytes in ([\\d,]+) blocks are (definitely|indirectly|possibly|still) ");

    private Memcheck() {}

    /** The command line this corpus runs memcheck with (the leak kinds memcheck counts as errors). */
    static List<String> command(Path xml, Path program) {
        return List.of("valgrind", "--tool=memcheck", "--leak-check=full", "--show-leak-kinds=definite,indirect,possible",
            "--xml=yes", "--xml-file=" + xml, program.toString());
    }

    /** The findings of one XML file, in the order memcheck printed them. */
    static List<Finding> parse(Path xml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(xml.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("memcheck's XML " + xml + " does not parse: " + e.getMessage(), e);
        }
        List<Finding> out = new ArrayList<>();
        NodeList errors = doc.getDocumentElement().getElementsByTagName("error");
        for (int i = 0; i < errors.getLength(); i++) {
            out.addAll(finding((Element) errors.item(i)));
        }
        return out;
    }

    private static List<Finding> finding(Element error) {
        String kind = text(error, "kind");
        String what = whatText(error);
        String aux = text(error, "auxwhat");
        switch (kind) {
            case "InvalidRead", "InvalidWrite": {
                Matcher a = ACCESS.matcher(what);
                String detail = kind.equals("InvalidRead") ? "read" : "write";
                Long size = a.find() ? Long.valueOf(a.group(2)) : null;
                Matcher b = BLOCK.matcher(aux == null ? "" : aux);
                if (!b.find()) {
                    return List.of(new Finding("invalid-access", detail, size, null, null, true));
                }
                long n = num(b.group(1));
                long m = num(b.group(3));
                if (b.group(4).equals("free'd")) {
                    return List.of(new Finding("use-after-free", detail, size, m, n, false));
                }
                return switch (b.group(2)) {
                    case "after" -> List.of(new Finding("heap-overflow", detail, size, m, m + n, false));
                    case "before" -> List.of(new Finding("heap-underflow", detail, size, m, -n, false));
                    // an access that starts inside a live block is invalid only because it runs past the end
                    default -> List.of(new Finding(size != null && n + size > m ? "heap-overflow" : "invalid-access",
                        detail, size, m, n, false));
                };
            }
            case "InvalidFree": {
                String detail = topFunction(error);
                Matcher b = BLOCK.matcher(aux == null ? "" : aux);
                if (!b.find()) {
                    return List.of(new Finding("invalid-free", detail, null, null, null, true));
                }
                String k = b.group(4).equals("free'd") ? "double-free" : "invalid-free";
                return List.of(new Finding(k, detail, null, num(b.group(3)), num(b.group(1)), false));
            }
            case "MismatchedFree":
                return List.of(new Finding("mismatched-free", topFunction(error), null, null, null, false));
            case "UninitCondition":
                return List.of(new Finding("uninitialized-read", "condition", null, null, null, false));
            case "UninitValue":
                return List.of(new Finding("uninitialized-read", "value", null, null, null, false));
            case "SyscallParam":
                return List.of(new Finding("uninitialized-read", "syscall", null, null, null, false));
            default:
                if (kind.startsWith("Leak_")) {
                    return leaks(what);
                }
                return List.of(new Finding("memcheck:" + kind, null, null, null, null, false));
        }
    }

    private static List<Finding> leaks(String what) {
        Matcher m = LEAK.matcher(what);
        if (!m.find()) {
            throw new IllegalArgumentException("a leak record memcheck worded unexpectedly: " + what);
        }
        long direct = num(m.group(2) != null ? m.group(2) : m.group(1));
        long blocks = num(m.group(4));
        String detail = switch (m.group(5)) {
            case "definitely" -> "definite";
            case "indirectly" -> "indirect";
            case "possibly" -> "possible";
            default -> "reachable";
        };
        Long each = blocks > 0 && direct % blocks == 0 ? direct / blocks : null;
        List<Finding> out = new ArrayList<>();
        for (long i = 0; i < blocks; i++) {
            out.add(new Finding("leak", detail, null, each, null, false));
        }
        return out;
    }

    private static String whatText(Element error) {
        String what = text(error, "what");
        if (what != null) {
            return what;
        }
        NodeList xwhat = error.getElementsByTagName("xwhat");
        return xwhat.getLength() == 0 ? "" : text((Element) xwhat.item(0), "text");
    }

    /** The function of the innermost frame of the error's first stack (memcheck's replacement free or realloc). */
    private static String topFunction(Element error) {
        for (Node n = error.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("stack")) {
                NodeList frames = e.getElementsByTagName("frame");
                return frames.getLength() == 0 ? null : text((Element) frames.item(0), "fn");
            }
        }
        return null;
    }

    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static long num(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** Whether a file exists and is non-empty (memcheck writes the XML even when the program dies). */
    static boolean wrote(Path xml) throws IOException {
        return Files.isRegularFile(xml) && Files.size(xml) > 0;
    }
}
