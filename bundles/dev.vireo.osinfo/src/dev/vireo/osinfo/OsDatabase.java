package dev.vireo.osinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import dev.vireo.osinfo.OsInfo.IsoMatch;
import dev.vireo.osinfo.OsInfo.Resources;

/**
 * libosinfo's operating-system database as Debian's {@code osinfo-db} installs it (XML under
 * {@code /usr/share/osinfo}), read without the C library. Newest releases first.
 */
public final class OsDatabase {
    /** Where Debian's {@code osinfo-db} package puts the database. */
    public static final Path SYSTEM = Path.of("/usr/share/osinfo");

    private static OsDatabase system;

    private final List<OsInfo> all;
    private final Map<String, OsInfo> byShortId = new HashMap<>();

    private OsDatabase(List<OsInfo> all) {
        this.all = all;
        for (OsInfo os : all) {
            os.shortIds().forEach(id -> byShortId.putIfAbsent(id, os));
        }
    }

    /** The database under {@code root}; empty (only the generic OS is known) where there is none. */
    public static OsDatabase load(Path root) throws IOException {
        Path os = root.resolve("os");
        if (!Files.isDirectory(os)) {
            return new OsDatabase(List.of());
        }
        Map<String, Raw> raw = new LinkedHashMap<>();
        DocumentBuilder builder = builder();
        try (Stream<Path> files = Files.walk(os)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                try {
                    Element doc = builder.parse(f.toFile()).getDocumentElement();
                    for (Element e : children(doc, "os")) {
                        Raw r = Raw.read(e);
                        raw.put(r.id, r);
                    }
                } catch (SAXException e) {
                    throw new IOException(f + ": " + e.getMessage(), e);
                }
            }
        }
        List<OsInfo> oses = new ArrayList<>();
        for (Raw r : raw.values()) {
            oses.add(r.resolve(raw));
        }
        oses.sort(Comparator.comparing(OsInfo::releaseDate).reversed().thenComparing(OsInfo::name));
        return new OsDatabase(List.copyOf(oses));
    }

    /** The system's database, read once (790 OSes, about 2 s in a cold JVM here: call it off the UI thread). */
    public static synchronized OsDatabase system() throws IOException {
        if (system == null) {
            system = load(SYSTEM);
        }
        return system;
    }

    /** Every OS the database lists, newest first. */
    public List<OsInfo> all() {
        return all;
    }

    /** The OS with that short id ({@code generic} gives {@link OsInfo#GENERIC}). */
    public Optional<OsInfo> byShortId(String shortId) {
        return "generic".equals(shortId) ? Optional.of(OsInfo.GENERIC) : Optional.ofNullable(byShortId.get(shortId));
    }

    /**
     * The OSes whose name, vendor or short ids contain every word of {@code text}, newest first;
     * ended releases last, as virt-manager lists them.
     */
    public List<OsInfo> search(String text, String today) {
        String[] words = text.toLowerCase(Locale.ROOT).strip().split("\\s+");
        return all.stream().filter(os -> {
            String hay = (os.name() + " " + os.vendor() + " " + String.join(" ", os.shortIds())).toLowerCase(Locale.ROOT);
            return Stream.of(words).allMatch(hay::contains);
        }).sorted(Comparator.comparing((OsInfo os) -> ended(os, today))).toList();
    }

    /** Whether the OS's support ended by {@code today} (ISO date); without an end date, 10 years after release. */
    public static boolean ended(OsInfo os, String today) {
        if (!os.eolDate().isEmpty()) {
            return os.eolDate().compareTo(today) < 0;
        }
        if (os.releaseDate().length() >= 4) {
            String tenYears = (Integer.parseInt(os.releaseDate().substring(0, 4)) + 10) + os.releaseDate().substring(4);
            return tenYears.compareTo(today) < 0;
        }
        return false;
    }

    /**
     * The OS an install ISO holds, as libosinfo guesses it: the first medium whose id patterns all
     * match the ISO's primary volume descriptor (and its size, where the medium names one).
     */
    public Optional<OsInfo> detect(IsoVolume iso) {
        for (OsInfo os : all) {
            for (IsoMatch m : os.media()) {
                if (matches(m.volumeId(), iso.volumeId()) && matches(m.systemId(), iso.systemId())
                        && matches(m.publisherId(), iso.publisherId()) && matches(m.applicationId(), iso.applicationId())
                        && (m.volumeSize() <= 0 || m.volumeSize() == iso.volumeSize())) {
                    return Optional.of(os);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String regex, String value) {
        if (regex == null) {
            return true;
        }
        try {
            return Pattern.compile(regex).matcher(value).find();
        } catch (PatternSyntaxException e) {
            return false; // a pattern Java's engine reads otherwise than GLib's: no match rather than a wrong one
        }
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setNamespaceAware(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The first child's text that carries no {@code xml:lang} (the English one), or "". */
    static String text(Element parent, String name) {
        for (Element e : children(parent, name)) {
            if (!e.hasAttribute("xml:lang")) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    /** One {@code <os>} as written, before what it inherits is added. */
    private record Raw(String id, List<String> shortIds, Element element, List<String> parents, Set<String> devices,
            Set<String> removed, Map<String, Map<String, Boolean>> firmware) {

        static Raw read(Element e) {
            List<String> shortIds = children(e, "short-id").stream().map(s -> s.getTextContent().strip()).toList();
            List<String> parents = new ArrayList<>();
            for (String relation : List.of("derives-from", "clones")) {
                children(e, relation).forEach(p -> parents.add(p.getAttribute("id")));
            }
            Set<String> devices = new LinkedHashSet<>();
            Set<String> removed = new LinkedHashSet<>();
            for (Element list : children(e, "devices")) {
                for (Element d : children(list, "device")) {
                    ("false".equals(d.getAttribute("supported")) ? removed : devices).add(d.getAttribute("id"));
                }
            }
            Map<String, Map<String, Boolean>> firmware = new HashMap<>();
            for (Element fw : children(e, "firmware")) {
                firmware.computeIfAbsent(fw.getAttribute("arch"), a -> new HashMap<>()).put(fw.getAttribute("type"),
                        !"false".equals(fw.getAttribute("supported")));
            }
            return new Raw(e.getAttribute("id"), shortIds, e, parents, devices, removed, firmware);
        }

        /**
         * With what it derives from or clones, recursively: a device it marks unsupported is not
         * inherited, and its own firmware entries win.
         */
        OsInfo resolve(Map<String, Raw> all) {
            Set<String> devices = new LinkedHashSet<>();
            Map<String, Map<String, Boolean>> firmware = new HashMap<>();
            inherit(all, new LinkedHashSet<>(), new LinkedHashSet<>(), devices, firmware);
            Map<String, Resources> resources = new HashMap<>();
            for (Element r : children(element, "resources")) {
                Element min = children(r, "minimum").stream().findFirst().orElse(null);
                Element rec = children(r, "recommended").stream().findFirst().orElse(null);
                resources.put(r.getAttribute("arch"), new Resources(number(min, "ram"), (int) number(min, "n-cpus"),
                        number(min, "storage"), number(rec, "ram"), (int) number(rec, "n-cpus"), number(rec, "storage")));
            }
            List<IsoMatch> media = new ArrayList<>();
            for (Element m : children(element, "media")) {
                for (Element iso : children(m, "iso")) {
                    media.add(new IsoMatch(m.getAttribute("arch"), orNull(iso, "volume-id"), orNull(iso, "system-id"),
                            orNull(iso, "publisher-id"), orNull(iso, "application-id"), number(iso, "volume-size")));
                }
            }
            return new OsInfo(id, shortIds.isEmpty() ? List.of(id) : shortIds, text(element, "name"),
                    text(element, "vendor"), text(element, "family"), text(element, "distro"), text(element, "version"),
                    text(element, "release-date"), text(element, "eol-date"), Set.copyOf(devices), Map.copyOf(firmware),
                    Map.copyOf(resources), List.copyOf(media));
        }

        private void inherit(Map<String, Raw> all, Set<String> seen, Set<String> removedBelow, Set<String> devicesOut,
                Map<String, Map<String, Boolean>> firmwareOut) {
            if (!seen.add(id)) {
                return;
            }
            devices.stream().filter(d -> !removedBelow.contains(d)).forEach(devicesOut::add);
            Set<String> removedHere = new LinkedHashSet<>(removedBelow);
            removedHere.addAll(removed);
            firmware.forEach((arch, types) -> types.forEach(
                    (type, ok) -> firmwareOut.computeIfAbsent(arch, a -> new HashMap<>()).putIfAbsent(type, ok)));
            for (String p : parents) {
                Raw parent = all.get(p);
                if (parent != null) {
                    parent.inherit(all, seen, removedHere, devicesOut, firmwareOut);
                }
            }
        }

        private static long number(Element parent, String name) {
            if (parent == null) {
                return 0;
            }
            String t = text(parent, name);
            try {
                return t.isEmpty() ? 0 : Long.parseLong(t);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private static String orNull(Element parent, String name) {
            String t = text(parent, name);
            return t.isEmpty() ? null : t;
        }
    }
}
