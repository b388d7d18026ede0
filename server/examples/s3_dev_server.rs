//! A local S3-compatible server over a folder, for trying several server
//! instances on one machine (`scripts/cluster.sh`). Not for production: use
//! a real bucket there.
//!
//! `cargo run -p server --example s3_dev_server -- PORT FOLDER ACCESS_KEY SECRET_KEY`

use hyper_util::rt::{TokioExecutor, TokioIo};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [port, folder, access_key, secret_key] = args.as_slice() else {
        return Err("usage: s3_dev_server PORT FOLDER ACCESS_KEY SECRET_KEY".into());
    };
    let files = s3s_fs::FileSystem::new(folder).map_err(|e| format!("{folder}: {e:?}"))?;
    let mut builder = s3s::service::S3ServiceBuilder::new(files);
    builder.set_auth(s3s::auth::SimpleAuth::from_single(
        access_key.as_str(),
        secret_key.as_str(),
    ));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port.parse::<u16>()?)).await?;
    println!("S3-compatible server at http://{}", listener.local_addr()?);
    let server = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new());
    loop {
        let (socket, _) = listener.accept().await?;
        let connection = server
            .serve_connection(TokioIo::new(socket), service.clone())
            .into_owned();
        tokio::spawn(connection);
    }
}
