package enr4j.datagen.blender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import enr4j.data.DatasetException;
import enr4j.datagen.synth.Camera;
import enr4j.geometry.CameraPose;
import enr4j.io.AtomicFiles;
import enr4j.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one Blender process renders: one mesh, its views, where the PNGs go. Serialised as the JSON file the
 * render script ({@code render_views.py}) reads.
 *
 * @param mesh       mesh file (absolute)
 * @param output     folder for the PNGs (absolute)
 * @param size       image side in pixels
 * @param fovDegrees full field of view of the square image
 * @param samples    Cycles samples per pixel
 * @param threads    Cycles threads of this process
 * @param views      the views, in index order
 */
public record BlenderJob(Path mesh, Path output, int size, double fovDegrees, int samples, int threads,
                         List<BlenderView> views) {


    /** Copies the view list. */
    public BlenderJob {
        views = List.copyOf(views);
    }

    /**
     * Plans a job from view parameters: the Blender camera and object location of each view come from
     * {@link BlenderFrame}, images are named {@code 00000.png}, {@code 00001.png}, ...
     */
    public static BlenderJob plan(Path mesh, Path output, int size, double radius, double fovDegrees, int samples,
                                  int threads, List<CameraPose> params) {
        List<BlenderView> views = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            CameraPose v = params.get(i);
            Camera camera = new Camera(v.azimuth(), v.elevation(), v.translation(), radius, fovDegrees);
            views.add(new BlenderView(String.format("%05d.png", i), v, BlenderFrame.cameraMatrixWorld(camera),
                    BlenderFrame.objectLocation(camera)));
        }
        return new BlenderJob(mesh.toAbsolutePath(), output.toAbsolutePath(), size, fovDegrees, samples, threads,
                views);
    }

    /** @return the view parameters in index order */
    public List<CameraPose> params() {
        return views.stream().map(BlenderView::params).toList();
    }

    /** @return the job as UTF-8 JSON */
    public byte[] toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("mesh", mesh.toString());
        root.put("output", output.toString());
        root.put("size", size);
        root.put("fov_radians", Math.toRadians(fovDegrees));
        root.put("samples", samples);
        root.put("threads", threads);
        ArrayNode list = root.putArray("views");
        for (BlenderView v : views) {
            ObjectNode node = list.addObject();
            node.put("png", v.png());
            ArrayNode matrix = node.putArray("camera_matrix_world");
            double[] m = v.cameraMatrixWorld();
            for (int r = 0; r < 4; r++) {
                ArrayNode row = matrix.addArray();
                for (int c = 0; c < 4; c++) {
                    row.add(m[4 * r + c]);
                }
            }
            node.putArray("object_location").add(v.objectLocation().x()).add(v.objectLocation().y())
                    .add(v.objectLocation().z());
        }
        try {
            return Json.PRETTY.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new DatasetException("cannot serialise Blender job for " + mesh + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void write(Path file) {
        AtomicFiles.write(file, toJson());
    }
}
