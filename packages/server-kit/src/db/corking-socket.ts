import { Socket } from 'node:net';

/**
 * A TCP socket that gathers every write of one tick into a single `writev`. The PostgreSQL driver
 * sends each statement as five protocol messages (parse, bind, describe, execute, sync), each its
 * own `write` and so its own system call; corked until the next tick they leave in one. Nothing is
 * delayed past the current tick.
 *
 * `Socket#connect` resets `write` to `Socket.prototype.write` (undoing a half-closed socket's
 * guard), so the corking `write` is installed after each `connect`, not as a method override.
 */
export function corkingSocket(): Socket {
  const socket = new Socket();
  let corked = false;
  const write = ((...args: Parameters<Socket['write']>): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return Socket.prototype.write.apply(socket, args);
  }) as Socket['write'];
  const connect = socket.connect.bind(socket) as (...args: unknown[]) => Socket;
  socket.connect = ((...args: unknown[]) => {
    connect(...args);
    socket.write = write;
    return socket;
  }) as Socket['connect'];
  return socket;
}
