/* What the facilitator's page works out from the store, without the DOM:
 * the room's progress while voting and scoring, the approval queue across
 * every board, how many cards each card absorbed, and whether a selection
 * of cards can be merged or clustered. Tested with node --test
 * (tests/js/facilitator-model.test.js). */

import { isScored, isShown } from "../shared/store.js";
import { mergeProblem } from "../shared/rules.js";

/* A problem of mergeProblem as the key of its message ("sector_id": "board"). */
const MERGE_KEYS = { sector_id: "board" };

/* The voting progress the server sends to steering only (snapshot
 * `voting_progress`, `voting.progress`): kept beside the Store, fed by Stream
 * through alongside(). */
export class VotingProgress {
  constructor() {
    this.voted = {}; // kind -> participants with at least one dot
    this.listeners = [];
  }

  onChange(fn) {
    this.listeners.push(fn);
  }

  notify() {
    this.listeners.forEach(function (fn) { fn(); });
  }

  load(snapshot) {
    this.voted = (snapshot.voting_progress && snapshot.voting_progress.voted) || {};
    this.notify();
  }

  apply(message) {
    if (message.type === "voting.progress") {
      this.voted = message.data.voted || {};
      this.notify();
    }
    return false;
  }
}

/* Bottlenecks that count for scoring: visible ones on active boards. */
function scorable(store, sectorId) {
  const sectors = {};
  store.sectors().forEach(function (s) { sectors[s.id] = true; });
  return store.list(function (c) {
    return c.kind === "bottleneck" && c.status === "visible" && sectors[c.sector_id] &&
      (sectorId === undefined || sectorId === null || c.sector_id === sectorId);
  });
}

/* {scored, left, total} of the visible bottlenecks (of one board, or all). */
export function scoringProgress(store, sectorId) {
  const cards = scorable(store, sectorId);
  const scored = cards.filter(isScored).length;
  return { scored: scored, left: cards.length - scored, total: cards.length };
}

/* What the top bar says about the room in this phase: {vote, score}, each
 * null unless the phase votes ({voted, present}) or scores ({scored, left, total}). */
export function phaseProgress(store, progress) {
  const phase = store.phase();
  const out = { vote: null, score: null };
  if (!phase) return out;
  if (phase.vote_on) {
    const present = (store.roster && store.roster.total) || 0;
    const voted = (progress && progress.voted && progress.voted[phase.vote_on]) || 0;
    out.vote = { voted: voted, present: Math.max(present, voted) };
  }
  if (phase.ranks) out.score = scoringProgress(store); // the server says which phases rank
  return out;
}

/* The approval queue: every card waiting for approval, on every board, oldest first. */
export function approvalQueue(store) {
  const order = {};
  store.sectors().forEach(function (s, i) { order[s.id] = i; });
  return store.list(function (c) { return c.status === "pending" && c.sector_id in order; });
}

/* card id -> how many cards were merged into it (and still are). */
export function absorbed(store) {
  const counts = {};
  store.list(function (c) { return c.status === "merged" && !!c.merged_into; }).forEach(function (c) {
    counts[c.merged_into] = (counts[c.merged_into] || 0) + 1;
  });
  return counts;
}

/* The phase after the current one, or null at the last (or with none set). */
export function nextPhase(store) {
  const w = store.workshop;
  if (!w || !w.phases.length) return null;
  const index = w.phases.findIndex(function (p) { return p.id === w.phase_id; });
  return index >= 0 && index < w.phases.length - 1 ? w.phases[index + 1] : null;
}

/* Whether the cards `ids` (in the order chosen; the first is kept) can be merged
 * or clustered together: null when they can, else the reason's key:
 * "few" (fewer than two), "kind" (not all of one kind), "board" (not all on one board),
 * "cluster" (clusters hold bottlenecks only), "gone" (one is merged or deleted).
 * same: the fields merged cards share, as the server told (rules.merge_same). */
export function selectionProblem(store, ids, action, same) {
  const cards = ids.map(function (id) { return store.cards[id]; });
  if (cards.some(function (c) { return !c || !isShown(c); })) return "gone";
  if (cards.length < (action === "cluster" ? 1 : 2)) return "few";
  const first = cards[0];
  if (action === "cluster") {
    if (cards.some(function (c) { return c.sector_id !== first.sector_id; })) return "board";
    return cards.every(function (c) { return c.kind === "bottleneck"; }) ? null : "cluster";
  }
  for (let i = 1; i < cards.length; i++) {
    const problem = mergeProblem(cards[i], first, same);
    if (problem) return MERGE_KEYS[problem] || problem;
  }
  return null;
}

/* What a drop of card `sourceId` on `target` does: {action: "merge", target}
 * on a card it may be merged into (mergeProblem, with the told `same`), {action:
 * "cluster", cluster} on a cluster (or null: out of any) of its board, or null
 * when it does nothing. */
export function dropAction(store, sourceId, target, same) {
  const source = store.cards[sourceId];
  if (!source || !isShown(source)) return null;
  if (target.card !== undefined) {
    const card = store.cards[target.card];
    if (!card || card.id === source.id || mergeProblem(source, card, same)) return null;
    return { action: "merge", source: source.id, target: card.id };
  }
  if (target.cluster !== undefined && source.kind === "bottleneck") {
    const cluster = target.cluster === null ? null : store.clusters[target.cluster];
    if (target.cluster !== null && (!cluster || cluster.sector_id !== source.sector_id)) return null;
    if ((source.cluster_id || null) === target.cluster) return null;
    return { action: "cluster", source: source.id, cluster: target.cluster };
  }
  return null;
}
