package org.memsim.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Parses report output as XML (the main correctness check) and inspects the resulting DOM. */
final class XmlAssertions {
    /** Text that needs escaping in every position: all five XML specials. */
    static final String NASTY = "a<b & c>\"d'e";

    private XmlAssertions() {
    }

    /** Parses {@code xml} strictly, failing the test with the parser's message if it is not well-formed. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            fail("not well-formed XML: " + e.getMessage() + "\n" + excerpt(xml, e));
        } catch (ParserConfigurationException | IOException e) {
            throw new AssertionError(e);
        }
        return null;
    }

    private static String excerpt(String xml, SAXException e) {
        if (e instanceof org.xml.sax.SAXParseException) {
            int line = ((org.xml.sax.SAXParseException) e).getLineNumber();
            String[] lines = xml.split("\n", -1);
            if (line >= 1 && line <= lines.length) {
                return "line " + line + ": " + lines[line - 1];
            }
        }
        return "";
    }

    /** Parses an SVG fragment and checks its shape: an {@code svg} root with a viewBox and only finite numbers. */
    static Document parseSvg(String svg) {
        Document d = parse(svg);
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertTrue(root.getAttribute("viewBox").matches("0 0 \\d+ \\d+"), root.getAttribute("viewBox"));
        assertFalse(svg.contains("NaN"), "NaN in output");
        assertFalse(svg.contains("Infinity"), "Infinity in output");
        assertCoordinatesInside(d);
        return d;
    }

    /** All elements named {@code name} (any namespace). */
    static List<Element> elements(Node root, String name) {
        NodeList l = root instanceof Document ? ((Document) root).getElementsByTagNameNS("*", name)
                : ((Element) root).getElementsByTagNameNS("*", name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    /** The text of every {@code text} element, in document order. */
    static List<String> texts(Document d) {
        List<String> out = new ArrayList<>();
        for (Element e : elements(d, "text")) {
            out.add(e.getTextContent());
        }
        return out;
    }

    static double num(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /** The points of a polyline as {x, y} pairs. */
    static List<double[]> points(Element polyline) {
        List<double[]> out = new ArrayList<>();
        for (String p : polyline.getAttribute("points").trim().split(" ")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    private static final Pattern VIEWBOX = Pattern.compile("0 0 (\\d+) (\\d+)");

    /** Every drawn shape and every untransformed text anchor lies inside the viewBox. */
    static void assertCoordinatesInside(Document d) {
        Matcher m = VIEWBOX.matcher(d.getDocumentElement().getAttribute("viewBox"));
        assertTrue(m.matches());
        double w = Double.parseDouble(m.group(1));
        double h = Double.parseDouble(m.group(2));
        for (Element e : elements(d, "polyline")) {
            for (double[] p : points(e)) {
                inside(p[0], p[1], w, h, "polyline");
            }
        }
        for (Element e : elements(d, "circle")) {
            inside(num(e, "cx"), num(e, "cy"), w, h, "circle");
        }
        for (Element e : elements(d, "line")) {
            inside(num(e, "x1"), num(e, "y1"), w, h, "line");
            inside(num(e, "x2"), num(e, "y2"), w, h, "line");
        }
        for (Element e : elements(d, "rect")) {
            inside(num(e, "x"), num(e, "y"), w, h, "rect");
            inside(num(e, "x") + num(e, "width"), num(e, "y") + num(e, "height"), w, h, "rect");
        }
        for (Element e : elements(d, "text")) {
            if (!e.hasAttribute("transform")) {
                inside(num(e, "x"), num(e, "y"), w, h, "text '" + e.getTextContent() + "'");
            }
        }
    }

    private static void inside(double x, double y, double w, double h, String what) {
        assertTrue(x >= -0.05 && x <= w + 0.05 && y >= -0.05 && y <= h + 0.05,
                what + " at (" + x + ", " + y + ") outside 0 0 " + w + " " + h);
    }
}
