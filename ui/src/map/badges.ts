// The badges a card carries close up, drawn over its text by the map's renderer: its risks
// (a disc in the highest band's colour with their count, top right), how far its finish moved
// since the baseline of record ("+4 days" on its top edge, left of the risks, so the name
// stays whole), and where its work stands in time (done: a green disc with a tick; started: a
// blue ring half filled, bottom right). Every figure is the core's (map/model gathers them).
import type { CardInfo } from "./model";

const BAND_COLOUR = { low: "#6f8f72", medium: "#d98e04", high: "#c62828" } as const;
/** A move since the baseline of record: later (text and border, fill), earlier; as the Since panel. */
const SLIP_LATE = ["#c62828", "#fdecec"] as const;
const SLIP_EARLY = ["#2e7d32", "#e6f4ea"] as const;
/** The font of labels on the map (badges, handoff kinds). */
export const FONT_LABEL = "600 10px system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Noto Sans', sans-serif";

/** The badges of the card `info` whose box is at (x, y), `width` x `height`. */
export function cardBadges(ctx: CanvasRenderingContext2D, info: CardInfo, x: number, y: number, width: number, height: number): void {
  if (info.risks > 0 && info.risk) {
    const bx = x + width - 14;
    const by = y + 12;
    ctx.beginPath();
    ctx.arc(bx, by, 7.5, 0, Math.PI * 2);
    ctx.fillStyle = BAND_COLOUR[info.risk];
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = FONT_LABEL;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(String(info.risks), bx, by + 0.5);
    ctx.textAlign = "start";
  }
  if (info.slip !== 0) {
    // "+4 days" on the card's top edge, right, left of the risk badge: the name stays whole
    ctx.font = FONT_LABEL;
    const w = Math.ceil(ctx.measureText(info.slipText).width) + 12;
    const right = x + width - (info.risks > 0 ? 28 : 8);
    const top = y - 9;
    const [ink, fill] = info.slip > 0 ? SLIP_LATE : SLIP_EARLY;
    ctx.beginPath();
    ctx.roundRect(right - w, top, w, 14, 7);
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = ink;
    ctx.stroke();
    ctx.fillStyle = ink;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(info.slipText, right - w / 2, top + 7.5);
    ctx.textAlign = "start";
    ctx.textBaseline = "alphabetic";
  }
  if (info.progress) {
    // done: a filled green disc with a tick; started: a blue ring half filled
    const px = x + width - 13;
    const py = y + height - 12;
    ctx.beginPath();
    ctx.arc(px, py, 6, 0, Math.PI * 2);
    if (info.progress === "done") {
      ctx.fillStyle = "#2e7d32";
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(px - 3, py);
      ctx.lineTo(px - 0.8, py + 2.4);
      ctx.lineTo(px + 3.2, py - 2.4);
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 1.6;
      ctx.stroke();
    } else {
      ctx.strokeStyle = "#2f5fb3";
      ctx.lineWidth = 1.6;
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(px, py);
      ctx.arc(px, py, 6, -Math.PI / 2, Math.PI / 2);
      ctx.closePath();
      ctx.fillStyle = "#2f5fb3";
      ctx.fill();
    }
  }
}
