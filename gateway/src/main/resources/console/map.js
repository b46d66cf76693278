// The fleet on a world map: land and borders (Natural Earth 110m), the night side of the Earth, and
// every node as a dot coloured by status and heartbeat age. One <canvas>, so 10,000 nodes cost one
// redraw (at most once a second), not 10,000 DOM elements.
'use strict';
window.FleetMap = (function () {
  const COLOURS = { ONLINE: '#2ecc71', BUSY: '#3498db', PARKED: '#95a5a6', FAULTED: '#e74c3c', LATE: '#f39c12' };

  // The point where the Sun is overhead (low-precision solar coordinates, good to ~0.01 deg, far
  // below what a 110m map shows): its antipode is the centre of the night.
  function subsolarPoint(date) {
    const rad = Math.PI / 180;
    const d = date.getTime() / 86400000 - 10957.5; // days since J2000.0
    const g = (357.529 + 0.98560028 * d) * rad;
    const q = 280.459 + 0.98564736 * d;
    const l = (q + 1.915 * Math.sin(g) + 0.020 * Math.sin(2 * g)) * rad;
    const e = (23.439 - 0.00000036 * d) * rad;
    const ra = Math.atan2(Math.cos(e) * Math.sin(l), Math.cos(l)) / rad;
    const dec = Math.asin(Math.sin(e) * Math.sin(l)) / rad;
    const gmst = (18.697374558 + 24.06570982441908 * d) % 24;
    let lon = (ra - gmst * 15) % 360;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return [lon, dec];
  }

  function create(canvas, colourOf) {
    const ctx = canvas.getContext('2d');
    const projection = d3.geoEquirectangular().fitSize([canvas.width, canvas.height], { type: 'Sphere' });
    const path = d3.geoPath(projection, ctx);
    let land = null, borders = null;
    // What the last frame drew, by node id (its colour key): read by the end-to-end test and the tooltip.
    const drawn = new Map();

    fetch('/console/countries-110m.json').then(r => r.json()).then(world => {
      land = topojson.feature(world, world.objects.land);
      borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    }).catch(e => console.warn('no map data', e));

    function draw(nodes, now) {
      ctx.fillStyle = '#0a2238';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (land) {
        ctx.beginPath(); path(land); ctx.fillStyle = '#3b4f3b'; ctx.fill();
        ctx.beginPath(); path(borders); ctx.strokeStyle = '#5a715a'; ctx.lineWidth = 0.5; ctx.stroke();
      }
      const sun = subsolarPoint(now);
      const night = d3.geoCircle().center([sun[0] + 180, -sun[1]]).radius(90)();
      ctx.beginPath(); path(night); ctx.fillStyle = 'rgba(0, 0, 20, 0.45)'; ctx.fill();
      drawn.clear();
      // faulted last, so a fault is never hidden under a healthy neighbour
      const order = { PARKED: 0, ONLINE: 1, BUSY: 2, LATE: 3, FAULTED: 4 };
      const dots = [];
      for (const n of nodes) {
        if (!n.location) continue;
        const p = projection([n.location.lon, n.location.lat]);
        if (!p) continue;
        const key = colourOf(n, now);
        dots.push([order[key] ?? 0, p, key, n.node_id]);
      }
      dots.sort((a, b) => a[0] - b[0]);
      for (const [, p, key, id] of dots) {
        ctx.beginPath(); ctx.arc(p[0], p[1], key === 'FAULTED' ? 5 : 3.5, 0, 2 * Math.PI);
        ctx.fillStyle = COLOURS[key]; ctx.fill();
        drawn.set(id, key);
      }
      canvas.dataset.drawn = String(drawn.size);
      canvas.dataset.faulted = String(dots.filter(d => d[2] === 'FAULTED').length);
    }

    return { draw, drawn, colours: COLOURS };
  }

  return { create, subsolarPoint };
})();
