/* The store's indexes of cards (shared/store.js): the ids of each board's
 * cards, of each card's children (solutions, causes, "why?"s) and the card of
 * each client_id, so that a board's or a card's lists are read in the time of
 * their own length. No DOM: tested with node --test (tests/js/store-index.test.js). */

const NONE = [];

/* Where `id` is or would go in the ascending `ids` (binary search). */
function place(ids, id) {
  let lo = 0;
  let hi = ids.length;
  if (hi && ids[hi - 1] < id) return hi; // a new card: the largest id
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Ids by a key (a board, a parent), each list kept in id order. */
class Index {
  constructor() {
    this.lists = new Map();
  }

  add(key, id) {
    if (key === null || key === undefined) return;
    const k = String(key);
    let ids = this.lists.get(k);
    if (!ids) this.lists.set(k, (ids = []));
    const at = place(ids, id);
    if (ids[at] !== id) ids.splice(at, 0, id);
  }

  remove(key, id) {
    if (key === null || key === undefined) return;
    const k = String(key);
    const ids = this.lists.get(k);
    if (!ids) return;
    const at = place(ids, id);
    if (ids[at] !== id) return;
    ids.splice(at, 1);
    if (!ids.length) this.lists.delete(k);
  }

  ids(key) {
    if (key === null || key === undefined) return NONE;
    return this.lists.get(String(key)) || NONE;
  }

  clear() {
    this.lists.clear();
  }
}

/* A card is added with its board, parent and client_id, and removed with the
 * same (the card as it was indexed): the store removes the old state of a
 * card before adding the new one. */
export class CardIndex {
  constructor() {
    this.bySector = new Index();
    this.byParent = new Index();
    this.byClient = new Map();
  }

  add(card) {
    this.bySector.add(card.sector_id, card.id);
    this.byParent.add(card.parent_id, card.id);
    if (card.client_id) this.byClient.set(card.client_id, card.id);
  }

  remove(card) {
    this.bySector.remove(card.sector_id, card.id);
    this.byParent.remove(card.parent_id, card.id);
    if (card.client_id && this.byClient.get(card.client_id) === card.id) this.byClient.delete(card.client_id);
  }

  /* Ids of a board's cards (any kind, any status), ascending; not to be changed. */
  board(sectorId) {
    return this.bySector.ids(sectorId);
  }

  /* Ids of a card's children, ascending; not to be changed. */
  children(cardId) {
    return this.byParent.ids(cardId);
  }

  /* The id of the card posted with `clientId`, or undefined. */
  client(clientId) {
    return this.byClient.get(clientId);
  }
}
