export default function MinutesPage() {
  return <h1>Biên bản / Minutes</h1>;
}
