'use strict';

// Interactive novel-view viewer: upload once (POST /api/scene), then render views (GET /api/render).
// At most one render request is in flight; when it finishes, only the latest wanted view is requested,
// so dragging never queues up stale requests.
(() => {
  const DEGREES_PER_PIXEL = 0.5;

  const fileInput = document.getElementById('file');
  const dropzone = document.getElementById('dropzone');
  const sourceImg = document.getElementById('source');
  const dropHint = document.getElementById('drop-hint');
  const azimuthSlider = document.getElementById('azimuth');
  const elevationSlider = document.getElementById('elevation');
  const azimuthValue = document.getElementById('azimuth-value');
  const elevationValue = document.getElementById('elevation-value');
  const resetButton = document.getElementById('reset');
  const stage = document.getElementById('stage');
  const stageHint = document.getElementById('stage-hint');
  const view = document.getElementById('view');
  const statusLine = document.getElementById('status');

  let sceneId = null;
  let renderInFlight = false;
  let shownKey = null;
  let viewUrl = null;
  let sourceUrl = null;

  function setStatus(text, isError = false) {
    statusLine.textContent = text;
    statusLine.classList.toggle('error', isError);
  }

  function wantedAngles() {
    return { azimuth: Number(azimuthSlider.value), elevation: Number(elevationSlider.value) };
  }

  function showAngles() {
    const { azimuth, elevation } = wantedAngles();
    azimuthValue.textContent = `${azimuth}°`;
    elevationValue.textContent = `${elevation}°`;
  }

  function setControlsEnabled(enabled) {
    azimuthSlider.disabled = !enabled;
    elevationSlider.disabled = !enabled;
    resetButton.disabled = !enabled;
  }

  async function errorMessage(response) {
    try {
      const body = await response.json();
      if (body && body.error) return body.error;
    } catch (ignored) { /* not JSON */ }
    return `request failed with HTTP ${response.status}`;
  }

  async function upload(file) {
    if (!file) return;
    setStatus(`Uploading ${file.name} and inferring its scene…`);
    let response;
    try {
      response = await fetch('api/scene', {
        method: 'POST',
        headers: { 'Content-Type': file.type || 'application/octet-stream' },
        body: file,
      });
    } catch (e) {
      setStatus(`Upload failed: ${e.message}`, true);
      return;
    }
    if (!response.ok) {
      setStatus(`Upload rejected: ${await errorMessage(response)}`, true);
      return;
    }
    const created = await response.json();
    sceneId = created.scene;
    shownKey = null;
    if (sourceUrl) URL.revokeObjectURL(sourceUrl);
    sourceUrl = URL.createObjectURL(file);
    sourceImg.src = sourceUrl;
    sourceImg.hidden = false;
    dropHint.hidden = true;
    azimuthSlider.value = 0;
    elevationSlider.value = 0;
    showAngles();
    setControlsEnabled(true);
    setStatus(`Scene ready (${created.imageSize} px). Drag the view or move the sliders.`);
    requestRender();
  }

  async function requestRender() {
    if (!sceneId || renderInFlight) return;
    const { azimuth, elevation } = wantedAngles();
    const key = `${sceneId}:${azimuth}:${elevation}`;
    if (key === shownKey) return;
    renderInFlight = true;
    try {
      const query = new URLSearchParams({ scene: sceneId, azimuth, elevation });
      const response = await fetch(`api/render?${query}`);
      if (!response.ok) {
        setStatus(`Rendering failed: ${await errorMessage(response)}`, true);
        shownKey = key; // do not retry the same failing view in a loop
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      await new Promise((resolve) => {
        view.onload = resolve;
        view.onerror = resolve;
        view.src = url;
      });
      if (viewUrl) URL.revokeObjectURL(viewUrl);
      viewUrl = url;
      view.hidden = false;
      stageHint.hidden = true;
      view.dataset.azimuth = String(azimuth);
      view.dataset.elevation = String(elevation);
      shownKey = key;
      setStatus(`Showing azimuth ${azimuth}°, elevation ${elevation}°.`);
    } catch (e) {
      setStatus(`Rendering failed: ${e.message}`, true);
    } finally {
      renderInFlight = false;
    }
    requestRender(); // catch up with whatever the user asked for meanwhile
  }

  function onAnglesChanged() {
    showAngles();
    requestRender();
  }

  // File picking and drag-and-drop
  fileInput.addEventListener('change', () => upload(fileInput.files[0]));
  ['dragenter', 'dragover'].forEach((type) => dropzone.addEventListener(type, (event) => {
    event.preventDefault();
    dropzone.classList.add('dragging');
  }));
  ['dragleave', 'drop'].forEach((type) => dropzone.addEventListener(type, () => dropzone.classList.remove('dragging')));
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    upload(event.dataTransfer.files[0]);
  });

  // Sliders
  azimuthSlider.addEventListener('input', onAnglesChanged);
  elevationSlider.addEventListener('input', onAnglesChanged);
  resetButton.addEventListener('click', () => {
    azimuthSlider.value = 0;
    elevationSlider.value = 0;
    onAnglesChanged();
  });

  // Dragging on the view: horizontal motion turns azimuth, vertical motion tilts elevation.
  let dragStart = null;
  stage.addEventListener('pointerdown', (event) => {
    if (!sceneId) return;
    dragStart = { x: event.clientX, y: event.clientY, ...wantedAngles() };
    stage.setPointerCapture(event.pointerId);
    stage.classList.add('dragging');
  });
  stage.addEventListener('pointermove', (event) => {
    if (!dragStart) return;
    const dx = event.clientX - dragStart.x;
    const dy = event.clientY - dragStart.y;
    let azimuth = Math.round(dragStart.azimuth + dx * DEGREES_PER_PIXEL);
    azimuth = ((azimuth + 180) % 360 + 360) % 360 - 180; // wrap to [-180, 180)
    azimuthSlider.value = azimuth;
    elevationSlider.value = Math.round(dragStart.elevation - dy * DEGREES_PER_PIXEL); // the range clamps
    onAnglesChanged();
  });
  const endDrag = () => {
    dragStart = null;
    stage.classList.remove('dragging');
  };
  stage.addEventListener('pointerup', endDrag);
  stage.addEventListener('pointercancel', endDrag);

  showAngles();
})();
