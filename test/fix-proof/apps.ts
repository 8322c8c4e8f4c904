// The applications the proofs run, each with its CORS setup as a parameter: the broken one, or the
// project's printed fix, put in its place as it is.

/** An Express app whose CORS setup is `setup` (the broken one, or the printed fix). */
export function expressApp(setup: string): string {
  return `import express from 'express';
const app = express();

${setup}

app.get('/api/items', (req, res) => res.json({ items: [] }));
app.put('/api/items/:id', (req, res) => res.json({ id: req.params.id }));
app.listen(Number(process.env.PORT), '127.0.0.1');
`;
}
