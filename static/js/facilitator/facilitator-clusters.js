/* The clusters of the facilitator's boards: each one's heading with its
 * rename and remove tools, its list of cards (filled by facilitator-boards.js)
 * and a drop target for dragged cards; and each board's "Add cluster" form.
 * Nodes are kept per cluster id. */

import { el, prune } from "../shared/dom.js";
import { errorArea, syncValue, button, field } from "./facilitator-ui.js";

export function createClusters(ctx) {
  const t = ctx.t;
  const send = ctx.send;
  const clusterNodes = {}; // cluster id -> cluster parts

  function clusterNode(cluster) {
    const node = clusterNodes[cluster.id] || (clusterNodes[cluster.id] = buildCluster(cluster.id));
    node.title.textContent = cluster.title;
    syncValue(node.input, cluster.title);
    node.rename.setAttribute("aria-label", t.rename + ": " + cluster.title);
    node.remove.setAttribute("aria-label", t.remove_cluster + ": " + cluster.title);
    return node;
  }

  function buildCluster(id) {
    const node = { area: errorArea(), list: el("ol", { className: "cards" }) };
    node.title = el("h4", { className: "fac-cluster-title" });
    node.input = el("input", { maxlength: ctx.rules.limits.cluster_title, required: true });
    node.rename = el("button", { type: "submit", className: "button secondary", text: t.rename });
    node.remove = button(t.remove_cluster, "danger", function () {
      send("cluster:remove", { cluster_id: id }, { area: node.area, button: node.remove });
    });
    const form = el("form", { className: "fac-inline-row", novalidate: true }, [field(t.cluster_title, node.input), node.rename]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("cluster:save", { id: id, title: node.input.value }, { area: node.area, button: node.rename, okText: t.saved });
    });
    const tools = el("details", { className: "fac-cluster-tools" }, [el("summary", { text: t.edit_cluster }), form, node.remove]);
    node.root = el("section", { className: "fac-cluster", "data-cluster": id }, [el("header", { className: "fac-cluster-head" }, [node.title, tools]), node.area, node.list]);
    if (ctx.dnd) ctx.dnd.cluster(node.root, id);
    return node;
  }

  function newForm(sectorId) {
    const input = el("input", { maxlength: ctx.rules.limits.cluster_title, required: true });
    const area = errorArea();
    const submit = el("button", { type: "submit", className: "button secondary", text: t.add_cluster });
    const form = el("form", { className: "fac-new-cluster", novalidate: true }, [el("div", { className: "fac-inline-row" }, [field(t.new_cluster, input), submit]), area]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      send("cluster:save", { sector_id: sectorId, title: input.value }, { area: area, button: submit, ok: function () { input.value = ""; } });
    });
    return el("details", { className: "fac-new-cluster-tools" }, [el("summary", { text: t.add_cluster }), form]);
  }

  return {
    /* The cluster's parts ({root, list}), built the first time, with its title now. */
    node: clusterNode,
    newForm: newForm,
    prune: function () {
      prune(clusterNodes, function (id) { return !!ctx.store.clusters[id]; });
    }
  };
}
