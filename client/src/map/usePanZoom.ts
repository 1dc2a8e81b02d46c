/**
 * Pan and zoom for the board's SVG by changing its viewBox: drag to pan (mouse, pen or one
 * finger), wheel or two-finger pinch to zoom around the pointer, and functions for the zoom
 * buttons and keys and for bringing a focused province into view. A drag never turns into a click on the province under the pointer.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { PointerEvent as ReactPointerEvent, MouseEvent as ReactMouseEvent, RefObject } from "react";

/** The visible part of the board, in map units. */
export interface ViewBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** What `usePanZoom` gives the board. */
export interface PanZoom {
  readonly view: ViewBox;
  readonly svgRef: RefObject<SVGSVGElement | null>;
  readonly zoomBy: (factor: number) => void; // > 1 zooms in, around the view's centre
  readonly panBy: (dx: number, dy: number) => void; // in fractions of the view's size
  readonly reset: () => void;
  /** Pans just enough to bring a map point inside the view, `margin` map units from its edge. */
  readonly show: (point: { x: number; y: number }, margin?: number) => void;
  readonly handlers: {
    onPointerDown: (e: ReactPointerEvent<SVGSVGElement>) => void;
    onPointerMove: (e: ReactPointerEvent<SVGSVGElement>) => void;
    onPointerUp: (e: ReactPointerEvent<SVGSVGElement>) => void;
    onPointerCancel: (e: ReactPointerEvent<SVGSVGElement>) => void;
    onClickCapture: (e: ReactMouseEvent<SVGSVGElement>) => void;
  };
}

const MAX_ZOOM = 6;
const DRAG_THRESHOLD = 5; // CSS pixels before a press becomes a drag

/** Keeps a view inside the board and between 1× and MAX_ZOOM×. */
function clampView(v: ViewBox, width: number, height: number): ViewBox {
  const w = Math.min(width, Math.max(width / MAX_ZOOM, v.w));
  const h = (w * height) / width;
  const x = Math.min(width - w, Math.max(0, v.x + (v.w - w) / 2));
  const y = Math.min(height - h, Math.max(0, v.y + (v.h - h) / 2));
  return { x, y, w, h };
}

/** Zooms `v` by `factor` keeping the map point (px, py) fixed on screen. */
function zoomAround(v: ViewBox, factor: number, px: number, py: number): ViewBox {
  const w = v.w / factor;
  const h = v.h / factor;
  return { x: px - ((px - v.x) * w) / v.w, y: py - ((py - v.y) * h) / v.h, w, h };
}

/** Pan and zoom state and handlers for a board of `width` × `height` map units. */
export function usePanZoom(width: number, height: number): PanZoom {
  const full: ViewBox = { x: 0, y: 0, w: width, h: height };
  const [view, setView] = useState<ViewBox>(full);
  const viewRef = useRef(view);
  viewRef.current = view;
  const svgRef = useRef<SVGSVGElement | null>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ dragging: false, startX: 0, startY: 0, suppressClick: false, pinch: 0 });

  const apply = useCallback(
    (next: (v: ViewBox) => ViewBox) => setView((v) => clampView(next(v), width, height)),
    [width, height],
  );
  useEffect(() => setView({ x: 0, y: 0, w: width, h: height }), [width, height]);

  /** Client coordinates to map coordinates. */
  const toMap = useCallback((clientX: number, clientY: number) => {
    const svg = svgRef.current;
    const v = viewRef.current;
    if (!svg) return { x: v.x + v.w / 2, y: v.y + v.h / 2 };
    const r = svg.getBoundingClientRect();
    return {
      x: v.x + ((clientX - r.left) / (r.width || 1)) * v.w,
      y: v.y + ((clientY - r.top) / (r.height || 1)) * v.h,
    };
  }, []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = toMap(e.clientX, e.clientY);
      const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
      apply((v) => zoomAround(v, factor, p.x, p.y));
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [apply, toMap]);

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = gesture.current;
    if (pointers.current.size === 1) {
      g.dragging = false;
      g.suppressClick = false;
      g.startX = e.clientX;
      g.startY = e.clientY;
    } else if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      g.pinch = Math.hypot(a.x - b.x, a.y - b.y);
      g.dragging = true;
      g.suppressClick = true;
    }
  };

  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    const g = gesture.current;
    const svg = svgRef.current;
    const rect = svg?.getBoundingClientRect();
    const scale = rect && rect.width > 0 ? viewRef.current.w / rect.width : 1;
    if (pointers.current.size === 1) {
      if (!g.dragging && Math.hypot(e.clientX - g.startX, e.clientY - g.startY) > DRAG_THRESHOLD) {
        g.dragging = true;
        g.suppressClick = true;
        svg?.setPointerCapture(e.pointerId);
      }
      if (g.dragging) {
        const dx = (e.clientX - prev.x) * scale;
        const dy = (e.clientY - prev.y) * scale;
        apply((v) => ({ ...v, x: v.x - dx, y: v.y - dy }));
      }
    } else if (pointers.current.size === 2) {
      const others = [...pointers.current.entries()].filter(([id]) => id !== e.pointerId);
      const other = others[0]?.[1];
      if (other) {
        const d = Math.hypot(e.clientX - other.x, e.clientY - other.y);
        if (g.pinch > 0 && d > 0) {
          const mid = toMap((e.clientX + other.x) / 2, (e.clientY + other.y) / 2);
          const factor = d / g.pinch;
          apply((v) => zoomAround(v, factor, mid.x, mid.y));
        }
        g.pinch = d;
      }
    }
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
  };

  const onPointerEnd = (e: ReactPointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) gesture.current.pinch = 0;
    if (pointers.current.size === 0) gesture.current.dragging = false;
  };

  const onClickCapture = (e: ReactMouseEvent<SVGSVGElement>) => {
    if (gesture.current.suppressClick) {
      gesture.current.suppressClick = false;
      e.stopPropagation();
      e.preventDefault();
    }
  };

  return {
    view,
    svgRef,
    zoomBy: (factor) => apply((v) => zoomAround(v, factor, v.x + v.w / 2, v.y + v.h / 2)),
    panBy: (fx, fy) => apply((v) => ({ ...v, x: v.x + fx * v.w, y: v.y + fy * v.h })),
    reset: () => setView(full),
    show: (p, margin = 40) =>
      apply((v) => {
        const m = Math.min(margin, v.w / 4, v.h / 4);
        const x = Math.min(Math.max(v.x, p.x + m - v.w), p.x - m);
        const y = Math.min(Math.max(v.y, p.y + m - v.h), p.y - m);
        return x === v.x && y === v.y ? v : { ...v, x, y };
      }),
    handlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: onPointerEnd,
      onPointerCancel: onPointerEnd,
      onClickCapture,
    },
  };
}
