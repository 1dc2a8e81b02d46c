/** The app shell: routes between the landing page, joining, my games and a match. */
export function App() {
  return (
    <main className="page">
      <h1>Entente</h1>
      <p>The client is being built.</p>
    </main>
  );
}
