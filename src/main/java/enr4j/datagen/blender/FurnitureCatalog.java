package enr4j.datagen.blender;

import enr4j.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Sweet Home 3D furniture libraries ({@code .sh3f}: a zip of OBJ models, one folder each, described by
 * {@code PluginFurnitureCatalog.properties}), such as the ones Debian's {@code sweethome3d-furniture} installs in
 * {@code /usr/share/sweethome3d/furniture}. Lists their models, picks some by name, category or tags, and extracts
 * those (OBJ, materials, textures) into one folder per model for {@link BlenderDatasetGenerator}, with the credits
 * their licences ask for.
 */
public final class FurnitureCatalog {
    /** The extension of a furniture library file. */
    public static final String EXTENSION = ".sh3f";
    private static final String INDEX = "PluginFurnitureCatalog.properties";

    /**
     * One model of a library.
     *
     * @param library  the {@code .sh3f} file
     * @param catalog  the library's name (e.g. "Blend Swap CC-0")
     * @param license  the library's licence line
     * @param name     the model's name (e.g. "Armchair")
     * @param category its category (e.g. "Office")
     * @param tags     its tags, comma separated (may be empty)
     * @param creator  its author (may be empty)
     * @param objEntry the zip entry of its OBJ file, without a leading '/'
     */
    public record Model(Path library, String catalog, String license, String name, String category, String tags,
                        String creator, String objEntry) {
        /** @return true when the pattern is found in the name, category or tags (case-insensitive) */
        public boolean matches(Pattern pattern) {
            return pattern.matcher(name).find() || pattern.matcher(category).find() || pattern.matcher(tags).find();
        }

        /** @return the zip folder holding the model's files, with a trailing '/' (empty for the root) */
        public String folder() {
            int slash = objEntry.lastIndexOf('/');
            return slash < 0 ? "" : objEntry.substring(0, slash + 1);
        }

        /** @return who made the model, where it comes from and its licence, in one line */
        public String credit() {
            return name + (creator.isBlank() ? "" : " by " + creator) + ", from \"" + catalog + "\" ("
                    + library.getFileName() + ": " + objEntry + "), " + license;
        }
    }

    private FurnitureCatalog() {
    }

    /**
     * @param path a {@code .sh3f} file, or a folder whose {@code .sh3f} files are used (not searched recursively)
     * @return the libraries, sorted; empty when {@code path} is neither
     */
    public static List<Path> libraries(Path path) {
        if (Files.isRegularFile(path)) {
            return isLibrary(path) ? List.of(path) : List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile).filter(FurnitureCatalog::isLibrary).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLibrary(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION);
    }

    /**
     * Reads a library's index.
     *
     * @throws DatasetException naming the file when it is not a zip or has no {@value #INDEX}
     */
    public static List<Model> read(Path library) {
        try (ZipFile zip = new ZipFile(library.toFile(), StandardCharsets.UTF_8)) {
            ZipEntry index = zip.getEntry(INDEX);
            if (index == null) {
                throw new DatasetException(library + " is not a furniture library: it has no " + INDEX);
            }
            Properties p = new Properties();
            try (InputStream in = zip.getInputStream(index)) {
                p.load(in); // ISO 8859-1 with \\u escapes, as Sweet Home 3D writes it
            }
            String catalog = p.getProperty("name", library.getFileName().toString());
            String license = p.getProperty("license", "licence not stated");
            List<Model> models = new ArrayList<>();
            for (int i = 1; p.getProperty("id#" + i) != null || p.getProperty("model#" + i) != null; i++) {
                String model = p.getProperty("model#" + i, "").strip();
                if (!model.toLowerCase(Locale.ROOT).endsWith(".obj")) {
                    continue; // Blender's OBJ importer is what the pipeline relies on for these libraries
                }
                models.add(new Model(library, catalog, license, p.getProperty("name#" + i, "model " + i).strip(),
                        p.getProperty("category#" + i, "").strip(), p.getProperty("tags#" + i, "").strip(),
                        p.getProperty("creator#" + i, "").strip(), model.startsWith("/") ? model.substring(1) : model));
            }
            return models;
        } catch (IOException e) {
            throw new DatasetException("cannot read furniture library " + library + ": " + e.getMessage(), e);
        }
    }

    /**
     * The models of some libraries whose name, category or tags match.
     *
     * @param libraries {@code .sh3f} files
     * @param match     a regular expression, case-insensitive; null or blank keeps every model
     * @param limit     at most this many models (the first in library order), or 0 for all
     * @throws DatasetException when nothing matches
     */
    public static List<Model> select(List<Path> libraries, String match, int limit) {
        Pattern pattern = match == null || match.isBlank() ? Pattern.compile("")
                : Pattern.compile(match, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<Model> chosen = new ArrayList<>();
        for (Path library : libraries) {
            for (Model m : read(library)) {
                if (m.matches(pattern) && (limit <= 0 || chosen.size() < limit)) {
                    chosen.add(m);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new DatasetException("no model " + (match == null || match.isBlank() ? "" : "matching '" + match + "' ")
                    + "in " + libraries);
        }
        return chosen;
    }

    /**
     * Extracts each model into a folder of its own, {@code into/NNNN_name/}: its OBJ (renamed {@code NNNN_name.obj},
     * so the scenes made from it have unique names) and the other files of its zip folder (materials, textures) except
     * other OBJ files, so every folder holds exactly one mesh. Writes {@code credits} (Markdown) with one line per
     * model, starting with that name.
     *
     * @return the extracted OBJ files, in the order of {@code models}
     * @throws DatasetException on a read or write failure, or an entry that would land outside its folder
     */
    public static List<Path> extract(List<Model> models, Path into, Path credits) {
        List<Path> objs = new ArrayList<>(models.size());
        StringBuilder text = new StringBuilder("# Credits\n\nThe meshes of this dataset come from Sweet Home 3D "
                + "furniture libraries (Debian package sweethome3d-furniture, models cleaned and converted by Emmanuel "
                + "Puybaret / eTeks). Each model keeps its authors' licence:\n\n");
        try {
            Files.createDirectories(into);
            for (int i = 0; i < models.size(); i++) {
                Model m = models.get(i);
                Path folder = into.resolve(String.format(Locale.ROOT, "%04d_%s", i,
                        m.name().replaceAll("[^A-Za-z0-9_-]+", "_"))).normalize();
                objs.add(extractOne(m, folder));
                text.append("- ").append(folder.getFileName()).append(": ").append(m.credit()).append('\n');
            }
            Path tmp = credits.resolveSibling(credits.getFileName() + ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, credits, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("cannot extract furniture models into " + into + ": " + e.getMessage(), e);
        }
        return objs;
    }

    private static Path extractOne(Model m, Path folder) throws IOException {
        String prefix = m.folder();
        Path obj = null;
        try (ZipFile zip = new ZipFile(m.library().toFile(), StandardCharsets.UTF_8)) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(prefix) || (prefix.isEmpty() && !name.equals(m.objEntry()))) {
                    continue; // a model at the library's root brings its OBJ alone, not the whole library
                }
                boolean isObj = name.toLowerCase(Locale.ROOT).endsWith(".obj");
                if (isObj && !name.equals(m.objEntry())) {
                    continue;
                }
                // the OBJ takes the folder's unique name: scene folders are named after it, and libraries repeat
                // file names (several hold an armchair.obj)
                Path target = (isObj ? folder.resolve(folder.getFileName() + ".obj")
                        : folder.resolve(name.substring(prefix.length()))).normalize();
                if (!target.startsWith(folder)) {
                    throw new DatasetException(m.library() + ": entry " + name + " would be written outside " + folder);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (isObj) {
                    obj = target;
                }
            }
        }
        if (obj == null) {
            throw new DatasetException(m.library() + " lists " + m.objEntry() + " for \"" + m.name()
                    + "\" but holds no such entry");
        }
        return obj;
    }
}
