# Renders the views of one mesh for enr4j's `enr dataset blender`.
#
# Run as: blender -b --factory-startup --python render_views.py -- job.json
#
# Every camera convention lives in Java (enr4j.datagen.blender.BlenderFrame): the job file carries, per view, the
# Blender camera's matrix_world (4x4, row-major) and the object's location in Blender coordinates. This script only
# imports the mesh, fits it into the unit sphere the way enr4j's generator does, and renders. On failure it prints one
# line starting with "enr4j-blender: error:" to stderr and exits with status 2.
#
# Object orientation: every importer runs with its defaults (the legacy OBJ importer turns the file's y-up into
# Blender's z-up, the object's front towards Blender -Y); the mesh is then turned +90 degrees about Blender Z so its
# front faces +X, which is enr4j's world +x, the camera at azimuth = elevation = 0 (as enr4j.datagen.synth.MeshBuilder).
import json
import math
import os
import sys
import time

import bpy
from mathutils import Matrix, Vector


def fail(message):
    sys.stdout.flush()
    sys.stderr.write("enr4j-blender: error: " + " ".join(str(message).split()) + "\n")
    sys.stderr.flush()
    os._exit(2)


def last_line(error):
    """The last meaningful line of an exception (an operator's error text ends with the Python error, then Location)."""
    lines = [l.strip() for l in str(error).splitlines() if l.strip() and not l.strip().startswith("Location:")]
    return lines[-1] if lines else type(error).__name__


def import_mesh(path):
    ext = os.path.splitext(path)[1].lower()
    if not os.path.isfile(path):
        fail("mesh file not found: " + path)
    try:
        if ext == ".obj":
            # The legacy importer: the newer wm.obj_import crashes Blender on some real-world files.
            result = bpy.ops.import_scene.obj(filepath=path)
        elif ext == ".ply":
            result = bpy.ops.import_mesh.ply(filepath=path)
        elif ext == ".stl":
            result = bpy.ops.import_mesh.stl(filepath=path)
        elif ext in (".gltf", ".glb"):
            result = bpy.ops.import_scene.gltf(filepath=path)
        elif ext == ".dae":
            result = bpy.ops.wm.collada_import(filepath=path)
        else:
            fail("unsupported mesh format '" + ext + "': " + path)
    except Exception as e:  # importers raise on malformed files
        fail("cannot import " + path + ": " + last_line(e))
    if "FINISHED" not in result:
        fail("cannot import " + path + ": importer returned " + str(result))


def join_meshes(path):
    """Bakes every mesh object's world transform into its own data and joins them into one object."""
    meshes = [o for o in bpy.context.scene.objects if o.type == "MESH" and len(o.data.polygons) > 0]
    if not meshes:
        fail("no mesh with faces in " + path)
    for o in meshes:
        world = o.matrix_world.copy()
        o.data = o.data.copy()
        o.parent = None
        o.data.transform(world)
        o.matrix_world = Matrix.Identity(4)
    for o in list(bpy.context.scene.objects):
        if o not in meshes:
            bpy.data.objects.remove(o, do_unlink=True)
    bpy.ops.object.select_all(action="DESELECT")
    for o in meshes:
        o.select_set(True)
    bpy.context.view_layer.objects.active = meshes[0]
    if len(meshes) > 1:
        bpy.ops.object.join()
    return bpy.context.view_layer.objects.active


def fit_unit_sphere(obj):
    """Front to +X, bounding-box centre to the origin, farthest vertex at distance 1 (as Mesh.fittedToSphere)."""
    obj.data.transform(Matrix.Rotation(math.radians(90), 4, "Z"))
    vs = [v.co for v in obj.data.vertices]
    lo = Vector((min(v.x for v in vs), min(v.y for v in vs), min(v.z for v in vs)))
    hi = Vector((max(v.x for v in vs), max(v.y for v in vs), max(v.z for v in vs)))
    centre = (lo + hi) / 2
    radius = max((v - centre).length for v in vs)
    scale = 1.0 / radius if radius > 0 else 1.0
    obj.data.transform(Matrix.Scale(scale, 4) @ Matrix.Translation(-centre))
    obj.data.update()


def add_sun(name, direction, strength):
    """A world-fixed sun shining from `direction` (Blender coordinates) towards the origin."""
    light = bpy.data.lights.new(name, type="SUN")
    light.energy = strength
    light.angle = math.radians(10)
    sun = bpy.data.objects.new(name, light)
    sun.rotation_euler = Vector(direction).to_track_quat("Z", "Y").to_euler()
    bpy.context.scene.collection.objects.link(sun)


def setup_scene(job):
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = int(job["samples"])
    scene.cycles.use_adaptive_sampling = False
    scene.cycles.use_denoising = False
    scene.cycles.max_bounces = 4
    scene.cycles.diffuse_bounces = 2
    scene.cycles.glossy_bounces = 2
    scene.cycles.transmission_bounces = 4
    scene.cycles.transparent_max_bounces = 4
    scene.render.use_persistent_data = True
    scene.render.threads_mode = "FIXED"
    scene.render.threads = max(1, int(job["threads"]))
    scene.render.resolution_x = int(job["size"])
    scene.render.resolution_y = int(job["size"])
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = True
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGBA"
    scene.render.image_settings.color_depth = "8"
    scene.view_settings.view_transform = "Standard"
    scene.view_settings.look = "None"

    world = bpy.data.worlds.new("enr4j-world")
    world.use_nodes = True
    background = world.node_tree.nodes["Background"]
    background.inputs["Color"].default_value = (0.35, 0.35, 0.35, 1.0)
    background.inputs["Strength"].default_value = 1.0
    scene.world = world

    # Blender +X is the camera at azimuth 0, +Z is up.
    add_sun("enr4j-key", (1.0, 0.6, 1.2), 3.0)
    add_sun("enr4j-fill", (0.2, -1.0, 0.4), 1.2)
    add_sun("enr4j-back", (-1.0, 0.3, 0.6), 0.8)

    data = bpy.data.cameras.new("enr4j-camera")
    data.sensor_fit = "AUTO"
    data.angle = float(job["fov_radians"])
    data.clip_start = 0.01
    data.clip_end = 100.0
    camera = bpy.data.objects.new("enr4j-camera", data)
    scene.collection.objects.link(camera)
    scene.camera = camera
    return camera


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        fail("usage: blender -b --factory-startup --python render_views.py -- job.json")
    with open(argv[0], encoding="utf-8") as f:
        job = json.load(f)
    bpy.ops.wm.read_factory_settings(use_empty=True)
    import_mesh(job["mesh"])
    obj = join_meshes(job["mesh"])
    fit_unit_sphere(obj)
    camera = setup_scene(job)
    out = job["output"]
    os.makedirs(out, exist_ok=True)
    start = time.time()
    for view in job["views"]:
        camera.matrix_world = Matrix([row for row in view["camera_matrix_world"]])
        obj.location = Vector(view["object_location"])
        bpy.context.scene.render.filepath = os.path.join(out, view["png"])
        bpy.ops.render.render(write_still=True)
    print("enr4j-blender: rendered %d views in %.2f s" % (len(job["views"]), time.time() - start))
    sys.stdout.flush()


try:
    main()
except SystemExit:
    raise
except BaseException as e:
    fail(type(e).__name__ + ": " + str(e))
