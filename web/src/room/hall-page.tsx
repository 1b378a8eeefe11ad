// Placeholder: the room helper replaces this file with the projector view.
export default function HallPage() {
  return (
    <main id="main" class="hall">
      <h1>Màn hình hội trường / Hall screen</h1>
    </main>
  );
}
