package dev.tenantconnect.benchmarks;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The mutation score per package (and per class, with {@code --classes}) from PIT's {@code mutations.xml}: run
 * {@code mvn -B -ntp -Pmutation test -pl core -am} first, then
 * {@code java -cp benchmarks/target/classes dev.tenantconnect.benchmarks.MutationScores
 * core/target/pit-reports/mutations.xml}. Killed counts what a test detected (killed, timed out, or crashed the
 * test JVM); mutants no test covers count as survivors.
 */
public final class MutationScores {
    private MutationScores() {
    }

    /**
     * Prints the table.
     *
     * @param args the path of {@code mutations.xml}, then optionally {@code --classes}
     * @throws Exception if the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        boolean classes = args.length > 1 && args[1].equals("--classes");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList mutations = f.newDocumentBuilder().parse(Path.of(args[0]).toFile()).getElementsByTagName(
                "mutation");
        Map<String, int[]> by = new TreeMap<>();
        int[] all = new int[2];
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String clazz = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            String outer = clazz.contains("$") ? clazz.substring(0, clazz.indexOf('$')) : clazz;
            String key = classes ? outer : outer.substring(0, outer.lastIndexOf('.'));
            boolean killed = m.getAttribute("detected").equals("true");
            int[] c = by.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            all[0]++;
            if (killed) {
                c[1]++;
                all[1]++;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | mutants | killed | score |%n|---|---|---|---|%n",
                classes ? "class" : "package");
        by.forEach((k, c) -> System.out.printf(Locale.ROOT, "| `%s` | %d | %d | %.0f %% |%n", k, c[0], c[1],
                100.0 * c[1] / c[0]));
        System.out.printf(Locale.ROOT, "| **all** | %d | %d | **%.0f %%** |%n", all[0], all[1],
                100.0 * all[1] / Math.max(1, all[0]));
    }
}
