// The founding article's Express user API: fetchUser waits $DB_LATENCY ms (default 100).
import express from 'express';

const latency = Number(process.env.DB_LATENCY_MS || 100);

function fetchUser(id) {
  return new Promise((resolve) => {
    setTimeout(() => resolve({ id, name: 'Alice' }), latency);
  });
}

const app = express();
app.get('/', (req, res) => res.send('Hello from TypeScript'));
app.get('/user/:id', async (req, res) => {
  try {
    const id = parseInt(req.params.id, 10);
    const user = await fetchUser(id);
    res.json(user);
  } catch (error) {
    res.status(500).send('Internal Server Error');
  }
});
const port = Number(process.env.PORT || 8080);
app.listen(port, '127.0.0.1', () => {
  console.log(`Server running on port ${port}`);
});
