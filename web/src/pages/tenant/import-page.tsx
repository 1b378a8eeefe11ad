export default function ImportPage() {
  return <h1>import</h1>;
}
