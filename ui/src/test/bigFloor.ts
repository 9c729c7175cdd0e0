// A big floor for the board's tests: `n` agents made from the demo board's agents (their states,
// timers and reasons, round and round), each at a seat of its own on a grid `cols` seats wide, in
// zones of five rows with an aisle between them. Only the shape is made up; what a state or a
// timer means stays what the fixtures (the backend) say.
import type { Board, Seat } from "../backend";
import { fixtures } from "./fixtures";

export type BigFloor = { board: Board; seats: Seat[] };

/** Rows of seats in a zone; an empty row (an aisle) follows each zone. */
const ZONE_ROWS = 5;

export function bigFloor(n = 1000, cols = 40): BigFloor {
  const demo = fixtures.board();
  const board: Board = { ...demo, agents: [], open_alerts: [], break_queue: [], handover_reminders: [], overdue_complaints: [] };
  const seats: Seat[] = [];
  for (let i = 0; i < n; i++) {
    const from = demo.agents[i % demo.agents.length];
    const no = String(10001 + i);
    const row = Math.floor(i / cols);
    const zone = String.fromCharCode(65 + (Math.floor(row / ZONE_ROWS) % 26));
    const x = i % cols;
    const y = row + Math.floor(row / ZONE_ROWS);
    const code = `S${String(i + 1).padStart(4, "0")}`;
    const name = `坐席${i + 1}`;
    board.agents.push({
      ...structuredClone(from),
      employee_no: no,
      name,
      seat_code: code,
      seat_assigned: false,
      seat_x: x,
      seat_y: y,
      zone,
      now: { ...structuredClone(from.now), agent: no },
      notice: null,
    });
    seats.push({ id: i + 1, code, x, y, zone, active: true, agent_id: i + 1, agent_name: name });
  }
  return { board, seats };
}
