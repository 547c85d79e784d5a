// A bare Socket.IO relay in Node.js (npm socket.io, used only by the bench),
// speaking the same subset of the protocol as bench/relays/relay.py.
//   node bench/relays/relay.js PORT
const { createServer } = require("http");
const { Server } = require("socket.io");

const port = Number(process.argv[2]);
const http = createServer();
const io = new Server(http);
let seq = 0;

io.on("connection", (socket) => {
  const sector = (socket.handshake.auth && socket.handshake.auth.sector) || 0;
  socket.join(`s${sector}`);
  socket.on("card:post", (payload, ack) => {
    seq += 1;
    io.to(`s${payload.sector_id}`).emit("event", {
      seq, type: "card.created", sector_id: payload.sector_id, data: payload,
    });
    if (ack) ack({ ok: true });
  });
  socket.on("sync", (payload, ack) => {
    if (ack) ack({ ok: true, mode: "events", seq, events: [] });
  });
});

http.listen(port, "127.0.0.1");
