// The founding article's minimal Express server, with the port taken from $PORT.
import express from 'express';

const app = express();
app.get('/', (req, res) => {
  res.send('Hello from TypeScript');
});
const port = Number(process.env.PORT || 8080);
app.listen(port, '127.0.0.1', () => {
  console.log(`Server running on port ${port}`);
});
