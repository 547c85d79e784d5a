/* What changed on the phone board since its last render, as the store tells
 * (board-cards.js renders only that): a card posted, changed or removed, and
 * a tally, mark the card; a cluster asks for the cards to be placed again; the
 * viewer's own dots touch every vote row; anything else (a snapshot, a board
 * shown anew, the workshop's state: phase, rules, settings) asks for the
 * whole board again. */

export function watchChanges(store) {
  const changes = {
    full: true, // the next render walks the whole board
    layout: false, // bottlenecks to place again (clusters changed)
    dots: false, // the viewer's dots changed: every vote row
    dirty: {}, // card id -> true
    reset: function () {
      changes.full = changes.layout = changes.dots = false;
      changes.dirty = {};
    }
  };

  store.onChange(function (change) {
    const data = change.data || {};
    switch (change.type) {
      case "card.created":
      case "card.updated":
      case "card.removed":
        changes.dirty[data.id] = true;
        break;
      case "votes.updated":
        changes.dirty[data.card_id] = true;
        break;
      case "votes.tallied":
        Object.keys(data.tallies || {}).forEach(function (id) { changes.dirty[id] = true; });
        break;
      case "cluster.updated":
      case "cluster.removed":
        changes.layout = true;
        break;
      case "my_votes":
        changes.dots = true;
        break;
      case "roster.updated":
      case "participant.updated":
      case "spotlight.updated":
      case "voting.progress":
        break;
      default:
        changes.full = true;
    }
  });
  return changes;
}
